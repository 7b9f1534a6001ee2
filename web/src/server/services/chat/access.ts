import "server-only";
import { notFound } from "../../errors";
import type { Db } from "../../infra/db";

export interface Membership {
  conversation: { id: string; kind: "DIRECT" | "GROUP"; lastSeq: number };
  role: "MEMBER" | "ADMIN";
  memberIds: string[];
}

/**
 * The caller's membership of a conversation, or NOT_FOUND: for non-members, and for a 1:1 conversation
 * while either person blocks the other (a block hides each from the other everywhere).
 */
export async function requireMembership(db: Db, userId: string, conversationId: string): Promise<Membership> {
  const member = await db.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
    select: {
      role: true,
      conversation: { select: { id: true, kind: true, lastSeq: true, members: { select: { userId: true } } } },
    },
  });
  if (!member) throw notFound("That conversation");
  const memberIds = member.conversation.members.map((m) => m.userId);
  if (member.conversation.kind === "DIRECT") {
    const other = memberIds.find((id) => id !== userId);
    if (other && (await isBlockedEitherWay(db, userId, other))) throw notFound("That conversation");
  }
  const { members: _members, ...conversation } = member.conversation;
  return { conversation, role: member.role, memberIds };
}

export async function isBlockedEitherWay(db: Db, a: string, b: string): Promise<boolean> {
  const block = await db.block.findFirst({
    where: {
      OR: [
        { blockerId: a, blockedId: b },
        { blockerId: b, blockedId: a },
      ],
    },
    select: { blockerId: true },
  });
  return !!block;
}

/** The pair key that makes a 1:1 conversation unique. */
export const directKeyOf = (a: string, b: string) => [a, b].sort().join(":");
