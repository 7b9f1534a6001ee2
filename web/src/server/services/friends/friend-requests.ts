import "server-only";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { isUniqueViolation } from "../../infra/prisma-errors";
import { audienceAllows, getRelationship } from "../social/relationship";
import { toUserCard, userCardSelect, type UserCard } from "../social/user-card";
import { befriend } from "./friendships";
import { notify } from "../notifications/notifications";
import { publishToUsers } from "../realtime/event-stream";

export type SendResult = { status: "requested"; requestId: string } | { status: "friends" };

/**
 * Sends a friend request. If the other person already asked us, this accepts theirs instead.
 * Unknown users, yourself and blocked pairs are NOT_FOUND; a recipient whose setting excludes the sender is FORBIDDEN
 * only when the sender can see their profile at all (otherwise NOT_FOUND).
 */
export async function sendFriendRequest(deps: Deps, senderId: string, recipientId: string): Promise<SendResult> {
  const recipient = await deps.db.user.findUnique({
    where: { id: recipientId },
    select: { id: true, friendRequestPolicy: true, profileVisibility: true },
  });
  if (!recipient || recipientId === senderId) throw notFound("That person");
  const relationship = await getRelationship(deps.db, senderId, recipientId);
  if (relationship.blocked) throw notFound("That person");
  if (relationship.friends) throw new AppError("CONFLICT", "You are already friends.");
  if (relationship.incomingRequestId) {
    await acceptFriendRequest(deps, senderId, relationship.incomingRequestId);
    return { status: "friends" };
  }
  if (relationship.outgoingRequestId)
    throw new AppError("CONFLICT", "You already sent a friend request to this person.");
  if (!audienceAllows(recipient.friendRequestPolicy, relationship)) {
    if (!audienceAllows(recipient.profileVisibility, relationship)) throw notFound("That person");
    throw new AppError("FORBIDDEN", "This person is not accepting friend requests from you.");
  }
  await deps.limits.friendRequestsPerUser.consume(senderId);
  try {
    const request = await deps.db.friendRequest.create({ data: { senderId, recipientId }, select: { id: true } });
    await notify(deps, { userId: recipientId, kind: "FRIEND_REQUEST", actorId: senderId });
    return { status: "requested", requestId: request.id };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "You already sent a friend request to this person.");
    throw error;
  }
}

/** Withdraws a request the caller sent. Anyone else's request is NOT_FOUND. */
export async function cancelFriendRequest(deps: Deps, senderId: string, requestId: string): Promise<void> {
  const { count } = await deps.db.friendRequest.deleteMany({ where: { id: requestId, senderId } });
  if (count === 0) throw notFound("That friend request");
}

/** Accepts a request sent to the caller: the request goes, the friendship comes, atomically. */
export async function acceptFriendRequest(deps: Deps, recipientId: string, requestId: string): Promise<void> {
  const senderId = await deps.db.$transaction(async (tx) => {
    const request = await tx.friendRequest.findFirst({
      where: { id: requestId, recipientId },
      select: { senderId: true },
    });
    if (!request) throw notFound("That friend request");
    await tx.friendRequest.deleteMany({
      where: { OR: [{ id: requestId }, { senderId: recipientId, recipientId: request.senderId }] },
    });
    await befriend(tx, recipientId, request.senderId);
    return request.senderId;
  });
  // The request notification has served its purpose; the sender hears that it was accepted.
  await deps.db.notification.updateMany({
    where: { userId: recipientId, actorId: senderId, kind: "FRIEND_REQUEST", readAt: null },
    data: { readAt: new Date() },
  });
  await publishToUsers(deps.redis, [senderId, recipientId], { type: "friends.changed" });
  await notify(deps, { userId: senderId, kind: "FRIEND_ACCEPTED", actorId: recipientId });
}

/** Declines a request sent to the caller: it is removed (the sender gets no notification; it leaves their sent list). */
export async function declineFriendRequest(deps: Deps, recipientId: string, requestId: string): Promise<void> {
  const { count } = await deps.db.friendRequest.deleteMany({ where: { id: requestId, recipientId } });
  if (count === 0) throw notFound("That friend request");
}

export interface PendingRequest {
  id: string;
  createdAt: Date;
  user: UserCard;
}

export async function listFriendRequests(
  deps: Deps,
  userId: string,
): Promise<{ incoming: PendingRequest[]; outgoing: PendingRequest[] }> {
  const [incoming, outgoing] = await Promise.all([
    deps.db.friendRequest.findMany({
      where: { recipientId: userId },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, createdAt: true, sender: { select: userCardSelect } },
    }),
    deps.db.friendRequest.findMany({
      where: { senderId: userId },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, createdAt: true, recipient: { select: userCardSelect } },
    }),
  ]);
  return {
    incoming: incoming.map((r) => ({ id: r.id, createdAt: r.createdAt, user: toUserCard(r.sender) })),
    outgoing: outgoing.map((r) => ({ id: r.id, createdAt: r.createdAt, user: toUserCard(r.recipient) })),
  };
}
