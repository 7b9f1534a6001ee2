import "server-only";
import { z } from "zod";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import type { MessageView } from "../realtime/events";
import { publishToUsers } from "../realtime/event-stream";
import { requireMembership } from "./access";
import { messageSelect, toMessageView } from "./message-view";

const MAX_DISTINCT_PER_MESSAGE = 20;
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Exactly one emoji grapheme (keycaps, flags, skin tones and ZWJ sequences included). The length is checked before
 * segmenting: zod runs the refinement even after max() fails, and segmenting a long string exhausts Node's heap.
 */
export const emojiSchema = z
  .string()
  .max(32)
  .refine(
    (value) =>
      value.length <= 32 &&
      [...segmenter.segment(value)].length === 1 &&
      /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(value),
    "Pick one emoji.",
  );

/** Adds the caller's reaction, or takes it back if it was already there. Members only; deleted messages take none. */
export async function toggleReaction(
  deps: Deps,
  userId: string,
  input: { messageId: string; emoji: string },
): Promise<MessageView> {
  const message = await deps.db.message.findUnique({
    where: { id: input.messageId },
    select: { conversationId: true, deletedAt: true, kind: true },
  });
  if (!message) throw notFound("That message");
  const membership = await requireMembership(deps.db, userId, message.conversationId);
  if (message.deletedAt || message.kind !== "TEXT")
    throw new AppError("BAD_REQUEST", "You cannot react to that message.");
  await deps.limits.messagesPerUser.consume(userId);
  const key = { messageId_userId_emoji: { messageId: input.messageId, userId, emoji: input.emoji } };
  const existing = await deps.db.messageReaction.findUnique({ where: key });
  if (existing) {
    await deps.db.messageReaction.delete({ where: key });
  } else {
    const distinct = await deps.db.messageReaction.groupBy({ by: ["emoji"], where: { messageId: input.messageId } });
    if (distinct.length >= MAX_DISTINCT_PER_MESSAGE && !distinct.some((d) => d.emoji === input.emoji)) {
      throw new AppError("BAD_REQUEST", `A message can have at most ${MAX_DISTINCT_PER_MESSAGE} different reactions.`);
    }
    await deps.db.messageReaction.createMany({
      data: [{ messageId: input.messageId, userId, emoji: input.emoji }],
      skipDuplicates: true,
    });
  }
  const view = toMessageView(
    await deps.db.message.findUniqueOrThrow({ where: { id: input.messageId }, select: messageSelect }),
  );
  await publishToUsers(deps.redis, membership.memberIds, { type: "message.updated", message: view });
  return view;
}
