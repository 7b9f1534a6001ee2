import "server-only";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { isUniqueViolation } from "../../infra/prisma-errors";
import { audienceAllows, getRelationship, mutualFriendCounts } from "../social/relationship";
import { avatarUrl } from "../social/user-card";
import type { PrivacyInput, UpdateProfileInput } from "./schemas";

export type FriendStatus = "self" | "friends" | "request-sent" | "request-received" | "none";

export interface ProfileView {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** Bio and counts are hidden when the owner's "who may see my profile" excludes the viewer. */
  restricted: boolean;
  bio: string | null;
  friendCount: number | null;
  mutualFriends: number;
  joinedAt: Date | null;
  friendStatus: FriendStatus;
  requestId: string | null;
  canSendRequest: boolean;
}

/**
 * A profile as this viewer may see it. Blocked either way, or neither the profile nor friend requests open to the viewer:
 * NOT_FOUND, exactly as for a username that does not exist.
 */
export async function getProfile(deps: Deps, viewerId: string, username: string): Promise<ProfileView> {
  const user = await deps.db.user.findUnique({
    where: { usernameKey: username.toLowerCase() },
    select: {
      id: true,
      username: true,
      displayName: true,
      bio: true,
      avatarKey: true,
      createdAt: true,
      profileVisibility: true,
      friendRequestPolicy: true,
    },
  });
  if (!user) throw notFound("That profile");
  const rel = await getRelationship(deps.db, viewerId, user.id);
  const visible = audienceAllows(user.profileVisibility, rel);
  const canSendRequest =
    !rel.self && !rel.friends && !rel.outgoingRequestId && audienceAllows(user.friendRequestPolicy, rel);
  if (rel.blocked || (!visible && !rel.friends && !canSendRequest && !rel.incomingRequestId && !rel.outgoingRequestId))
    throw notFound("That profile");

  const [friendCount, mutual] = await Promise.all([
    visible ? deps.db.friendship.count({ where: { userId: user.id } }) : null,
    rel.self ? new Map<string, number>() : mutualFriendCounts(deps.db, viewerId, [user.id]),
  ]);
  const friendStatus: FriendStatus = rel.self
    ? "self"
    : rel.friends
      ? "friends"
      : rel.outgoingRequestId
        ? "request-sent"
        : rel.incomingRequestId
          ? "request-received"
          : "none";
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: avatarUrl(user.id, user.avatarKey),
    restricted: !visible,
    bio: visible ? user.bio : null,
    friendCount,
    mutualFriends: mutual.get(user.id) ?? 0,
    joinedAt: visible ? user.createdAt : null,
    friendStatus,
    requestId: rel.outgoingRequestId ?? rel.incomingRequestId,
    canSendRequest,
  };
}

export async function getOwnSettings(deps: Deps, userId: string) {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      emailVerifiedAt: true,
      username: true,
      displayName: true,
      bio: true,
      avatarKey: true,
      role: true,
      profileVisibility: true,
      friendRequestPolicy: true,
      callPolicy: true,
      roomPolicy: true,
      emailUnreadMessages: true,
      totpEnabledAt: true,
      passwordHash: true,
      deletionScheduledAt: true,
    },
  });
  const { avatarKey, passwordHash, ...rest } = user;
  return { ...rest, hasPassword: !!passwordHash, avatarUrl: avatarUrl(user.id, avatarKey) };
}

export async function updateProfile(deps: Deps, userId: string, input: UpdateProfileInput): Promise<void> {
  try {
    await deps.db.user.update({
      where: { id: userId },
      data: {
        username: input.username,
        usernameKey: input.username.toLowerCase(),
        displayName: input.displayName,
        bio: input.bio,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "That username is taken.", { field: "username" });
    throw error;
  }
}

export async function updatePrivacy(deps: Deps, userId: string, input: PrivacyInput): Promise<void> {
  await deps.db.user.update({ where: { id: userId }, data: input });
}
