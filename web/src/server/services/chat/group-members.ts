import "server-only";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { publishToUsers } from "../realtime/event-stream";
import { requireMembership } from "./access";
import { GROUP_MAX_MEMBERS } from "./schemas";
import { postSystemMessage } from "./system-message";
import { deleteObject, storeAvatarFromUpload } from "../profiles/avatars";
import { handOverGroupRoom } from "../rooms/group-room-owner";
import { announceRoomAccessEnded } from "../rooms/room-access-ended";

async function requireGroup(deps: Deps, userId: string, conversationId: string) {
  const membership = await requireMembership(deps.db, userId, conversationId);
  if (membership.conversation.kind !== "GROUP")
    throw new AppError("BAD_REQUEST", "That is a 1:1 conversation, not a group.");
  return membership;
}

function requireAdmin(membership: { role: "MEMBER" | "ADMIN" }, what: string) {
  if (membership.role !== "ADMIN") throw new AppError("FORBIDDEN", `Only the group's admins can ${what}.`);
}

const displayName = async (deps: Deps, userId: string) =>
  (await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true } })).displayName;

/** Any member may add their own friends; everyone (new members included) hears about it. */
export async function addGroupMembers(
  deps: Deps,
  userId: string,
  input: { conversationId: string; userIds: string[] },
): Promise<void> {
  const membership = await requireGroup(deps, userId, input.conversationId);
  const newIds = [...new Set(input.userIds)].filter((id) => !membership.memberIds.includes(id));
  if (newIds.length === 0) return;
  const friends = await deps.db.friendship.findMany({
    where: { userId, friendId: { in: newIds } },
    select: { friendId: true, friend: { select: { displayName: true } } },
  });
  if (friends.length !== newIds.length)
    throw new AppError("BAD_REQUEST", "You can add only your friends to a group.", { field: "userIds" });
  if (membership.memberIds.length + newIds.length > GROUP_MAX_MEMBERS)
    throw new AppError("BAD_REQUEST", `Groups have at most ${GROUP_MAX_MEMBERS} members.`);
  await deps.db.conversationMember.createMany({
    data: newIds.map((id) => ({ conversationId: input.conversationId, userId: id })),
    skipDuplicates: true,
  });
  const names = friends.map((f) => f.friend.displayName).join(", ");
  await postSystemMessage(deps, input.conversationId, userId, `${await displayName(deps, userId)} added ${names}`, [
    ...membership.memberIds,
    ...newIds,
  ]);
}

/** Admins remove a member; the removed person loses the conversation. */
export async function removeGroupMember(
  deps: Deps,
  userId: string,
  input: { conversationId: string; userId: string },
): Promise<void> {
  const membership = await requireGroup(deps, userId, input.conversationId);
  requireAdmin(membership, "remove members");
  if (input.userId === userId) throw new AppError("BAD_REQUEST", "Use “Leave group” to leave.");
  if (!membership.memberIds.includes(input.userId)) throw notFound("That member");
  const removedName = await displayName(deps, input.userId);
  await deps.db.$transaction(async (tx) => {
    await tx.conversationMember.delete({
      where: { conversationId_userId: { conversationId: input.conversationId, userId: input.userId } },
    });
    await handOverGroupRoom(tx, input.conversationId, input.userId);
  });
  await publishToUsers(deps.redis, [input.userId], {
    type: "conversation.removed",
    conversationId: input.conversationId,
  });
  const room = await deps.db.room.findUnique({ where: { conversationId: input.conversationId }, select: { id: true } });
  if (room) await announceRoomAccessEnded(deps, room.id, [input.userId], "removed");
  const remaining = membership.memberIds.filter((id) => id !== input.userId);
  await postSystemMessage(
    deps,
    input.conversationId,
    userId,
    `${await displayName(deps, userId)} removed ${removedName}`,
    remaining,
  );
}

/** Leaves a group. If the last admin leaves, the longest-standing member becomes admin; an empty group is deleted. */
export async function leaveGroup(deps: Deps, userId: string, conversationId: string): Promise<void> {
  await requireGroup(deps, userId, conversationId);
  const name = await displayName(deps, userId);
  const remaining = await departGroup(deps, userId, conversationId);
  await publishToUsers(deps.redis, [userId], { type: "conversation.removed", conversationId });
  if (remaining.length > 0) await postSystemMessage(deps, conversationId, null, `${name} left`, remaining);
}

/**
 * Takes the user out of a group with nothing said (leaving, or a deleted account): hands over the admin role and
 * the group's room, deletes the group once empty. Returns who is left.
 */
export async function departGroup(deps: Deps, userId: string, conversationId: string): Promise<string[]> {
  return deps.db.$transaction(async (tx) => {
    await tx.conversationMember.delete({ where: { conversationId_userId: { conversationId, userId } } });
    const rest = await tx.conversationMember.findMany({
      where: { conversationId },
      orderBy: { joinedAt: "asc" },
      select: { userId: true, role: true },
    });
    if (rest.length === 0) {
      await tx.conversation.delete({ where: { id: conversationId } });
      return [];
    }
    if (!rest.some((m) => m.role === "ADMIN")) {
      await tx.conversationMember.update({
        where: { conversationId_userId: { conversationId, userId: rest[0]!.userId } },
        data: { role: "ADMIN" },
      });
    }
    await handOverGroupRoom(tx, conversationId, userId);
    return rest.map((m) => m.userId);
  });
}

/** Admins set the group's photo from an upload made with profile.createAvatarUpload (resized like profile photos). */
export async function setGroupAvatar(
  deps: Deps,
  userId: string,
  input: { conversationId: string; uploadKey: string | null },
): Promise<void> {
  const membership = await requireGroup(deps, userId, input.conversationId);
  requireAdmin(membership, "change its photo");
  const avatarKey = input.uploadKey
    ? await storeAvatarFromUpload(deps, userId, input.uploadKey, `groups/${input.conversationId}`)
    : null;
  const previous = await deps.db.conversation.findUniqueOrThrow({
    where: { id: input.conversationId },
    select: { avatarKey: true },
  });
  await deps.db.conversation.update({ where: { id: input.conversationId }, data: { avatarKey } });
  if (previous.avatarKey) await deleteObject(deps, previous.avatarKey);
  const name = await displayName(deps, userId);
  await postSystemMessage(
    deps,
    input.conversationId,
    userId,
    avatarKey ? `${name} changed the group photo` : `${name} removed the group photo`,
    membership.memberIds,
  );
}

/** Admins rename the group. */
export async function renameGroup(
  deps: Deps,
  userId: string,
  input: { conversationId: string; name: string },
): Promise<void> {
  const membership = await requireGroup(deps, userId, input.conversationId);
  requireAdmin(membership, "rename it");
  await deps.db.conversation.update({ where: { id: input.conversationId }, data: { name: input.name } });
  await postSystemMessage(
    deps,
    input.conversationId,
    userId,
    `${await displayName(deps, userId)} renamed the group to “${input.name}”`,
    membership.memberIds,
  );
}
