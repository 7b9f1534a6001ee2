import "server-only";
import { z } from "zod";
import { MESSAGE_MAX_CHARS } from "@/lib/text-limits";

export { MESSAGE_MAX_CHARS };
export const GROUP_MAX_MEMBERS = 100;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");
export const conversationIdInput = z.object({ conversationId: id });

export const messageBody = z
  .string()
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Write something first.")
      .max(MESSAGE_MAX_CHARS, `Messages have at most ${MESSAGE_MAX_CHARS} characters.`),
  );

/** A message's text; may be empty when it carries files. */
const optionalBody = z
  .string()
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(MESSAGE_MAX_CHARS, `Messages have at most ${MESSAGE_MAX_CHARS} characters.`));
/** Made by the sending client (a UUID or similar) so that a retried send is stored once. */
const clientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid client id.");
export const sendMessageInput = z.object({
  conversationId: id,
  body: optionalBody,
  replyToId: id.optional(),
  attachmentIds: z.array(id).max(10).optional(),
  clientId: clientId.optional(),
});
export const editMessageInput = z.object({ messageId: id, body: messageBody });
export const messageIdInput = z.object({ messageId: id });
export const historyInput = z.object({
  conversationId: id,
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const markReadInput = z.object({ conversationId: id, seq: z.number().int().nonnegative() });
export const openDirectInput = z.object({ userId: id });
export const groupName = z
  .string()
  .trim()
  .min(1, "Give the group a name.")
  .max(80, "Group names have at most 80 characters.");
export const createGroupInput = z.object({
  name: groupName,
  memberIds: z
    .array(id)
    .min(1, "Add at least one friend.")
    .max(GROUP_MAX_MEMBERS - 1, `Groups have at most ${GROUP_MAX_MEMBERS} members.`),
});
