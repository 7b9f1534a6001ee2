import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/**
 * A group's room belongs to a member. When its owner leaves the group or is removed, the room passes to the
 * longest-standing admin (else the longest-standing member) in the same transaction as the departure, so the old
 * owner keeps no power over it. Nothing happens for other members or groups without a room.
 */
export async function handOverGroupRoom(
  tx: Prisma.TransactionClient,
  conversationId: string,
  departedUserId: string,
): Promise<void> {
  const room = await tx.room.findUnique({ where: { conversationId }, select: { id: true, ownerId: true } });
  if (!room || room.ownerId !== departedUserId) return;
  const others = { conversationId, userId: { not: departedUserId } };
  const next =
    (await tx.conversationMember.findFirst({
      where: { ...others, role: "ADMIN" },
      orderBy: { joinedAt: "asc" },
      select: { userId: true },
    })) ??
    (await tx.conversationMember.findFirst({ where: others, orderBy: { joinedAt: "asc" }, select: { userId: true } }));
  if (next) await tx.room.update({ where: { id: room.id }, data: { ownerId: next.userId } });
}
