import "server-only";
import type { Deps } from "../../infra/deps";
import { requireMembership } from "./access";

export interface MessageHit {
  messageId: string;
  conversationId: string;
  seq: number;
  senderId: string | null;
  body: string;
  createdAt: Date;
}

/** Words of the query as a prefix-matching tsquery ("hel wor" → "hel:* & wor:*"), or null if it has none. */
export function toPrefixQuery(query: string): string | null {
  const words =
    query
      .toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu)
      ?.slice(0, 10) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * Full-text search (PostgreSQL, GIN index on Message.searchVector) over the messages of conversations the caller
 * belongs to — optionally one of them —, newest first. 1:1 conversations hidden by a block are left out.
 */
export async function searchMessages(
  deps: Deps,
  userId: string,
  input: { query: string; conversationId?: string },
): Promise<MessageHit[]> {
  await deps.limits.searchPerUser.consume(userId);
  // Within one conversation: like every conversation procedure, NOT_FOUND unless the caller may see it.
  if (input.conversationId) await requireMembership(deps.db, userId, input.conversationId);
  const tsquery = toPrefixQuery(input.query);
  if (!tsquery) return [];
  return deps.db.$queryRaw<MessageHit[]>`
    SELECT m.id AS "messageId", m."conversationId", m.seq, m."senderId", m.body, m."createdAt"
    FROM "Message" m
    JOIN "ConversationMember" me ON me."conversationId" = m."conversationId" AND me."userId" = ${userId}
    JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE m."searchVector" @@ to_tsquery('simple', ${tsquery})
      AND (${input.conversationId ?? null}::text IS NULL OR m."conversationId" = ${input.conversationId ?? null})
      AND NOT (c.kind = 'DIRECT' AND EXISTS (
        SELECT 1 FROM "ConversationMember" o JOIN "Block" b
          ON (b."blockerId" = ${userId} AND b."blockedId" = o."userId") OR (b."blockerId" = o."userId" AND b."blockedId" = ${userId})
        WHERE o."conversationId" = c.id AND o."userId" <> ${userId}))
    ORDER BY m."createdAt" DESC, m.id DESC
    LIMIT 30`;
}
