import "server-only";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { isUniqueViolation } from "../../infra/prisma-errors";
import type { Audience } from "@/generated/prisma/client";
import { audienceAllows, getRelationship, type Relationship } from "../social/relationship";
import { directKeyOf } from "./access";

/**
 * The 1:1 conversation between the caller and another person, created on first use. Allowed when neither blocks
 * the other and the caller may see the other's profile (or they are friends); otherwise NOT_FOUND.
 */
export async function openDirectConversation(
  deps: Deps,
  userId: string,
  otherId: string,
): Promise<{ conversationId: string }> {
  if (otherId === userId) throw new AppError("BAD_REQUEST", "You cannot message yourself.");
  const other = await deps.db.user.findUnique({ where: { id: otherId }, select: { profileVisibility: true } });
  if (!other) throw notFound("That person");
  const relationship = await getRelationship(deps.db, userId, otherId);
  if (!mayOpenDirect(relationship, other.profileVisibility)) throw notFound("That person");

  return ensureDirectConversation(deps, userId, otherId);
}

/** Whether a 1:1 conversation may be started with someone: no block either way, and friends or their profile visible. */
export function mayOpenDirect(relationship: Relationship, profileVisibility: Audience): boolean {
  return !relationship.blocked && (relationship.friends || audienceAllows(profileVisibility, relationship));
}

/** The pair's 1:1 conversation, created on first use (callers check who may reach whom first). */
export async function ensureDirectConversation(
  deps: Deps,
  userId: string,
  otherId: string,
): Promise<{ conversationId: string }> {
  const directKey = directKeyOf(userId, otherId);
  const existing = await deps.db.conversation.findUnique({ where: { directKey }, select: { id: true } });
  if (existing) return { conversationId: existing.id };
  await deps.limits.conversationsPerUser.consume(userId);
  try {
    const created = await deps.db.conversation.create({
      data: { kind: "DIRECT", directKey, createdById: userId, members: { create: [{ userId }, { userId: otherId }] } },
      select: { id: true },
    });
    return { conversationId: created.id };
  } catch (error) {
    // Both opened it at once: the unique key picked one.
    if (!isUniqueViolation(error)) throw error;
    const winner = await deps.db.conversation.findUniqueOrThrow({ where: { directKey }, select: { id: true } });
    return { conversationId: winner.id };
  }
}
