import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { MessageView } from "../realtime/events";
import { toStatus } from "../calls/call-view";
import { attachmentSelect, toAttachmentView } from "./attachments";

export const messageSelect = {
  id: true,
  conversationId: true,
  seq: true,
  kind: true,
  senderId: true,
  body: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  replyTo: { select: { id: true, seq: true, senderId: true, body: true, deletedAt: true } },
  reactions: { select: { emoji: true, userId: true }, orderBy: { createdAt: "asc" } },
  attachments: { select: attachmentSelect, orderBy: { createdAt: "asc" } },
  call: { select: { id: true, status: true, callerId: true, acceptedAt: true, endedAt: true } },
  clientId: true,
} as const;

type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

const REPLY_PREVIEW_CHARS = 140;

/** What clients see of a message: a deleted one keeps its place but not its text. */
export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    kind: row.kind,
    senderId: row.senderId,
    body: row.deletedAt ? "" : row.body,
    replyTo: row.replyTo
      ? {
          id: row.replyTo.id,
          seq: row.replyTo.seq,
          senderId: row.replyTo.senderId,
          body: row.replyTo.deletedAt ? "" : row.replyTo.body.slice(0, REPLY_PREVIEW_CHARS),
          deleted: !!row.replyTo.deletedAt,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    reactions: row.deletedAt ? [] : groupReactions(row.reactions),
    attachments: row.deletedAt ? [] : row.attachments.map(toAttachmentView),
    call: row.call
      ? {
          id: row.call.id,
          status: toStatus(row.call.status),
          callerId: row.call.callerId,
          durationSeconds:
            row.call.acceptedAt && row.call.endedAt
              ? Math.round((row.call.endedAt.getTime() - row.call.acceptedAt.getTime()) / 1000)
              : 0,
        }
      : null,
    clientId: row.clientId,
  };
}

function groupReactions(rows: { emoji: string; userId: string }[]): MessageView["reactions"] {
  const byEmoji = new Map<string, string[]>();
  for (const { emoji, userId } of rows) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds }));
}
