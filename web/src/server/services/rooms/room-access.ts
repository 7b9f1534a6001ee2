import "server-only";
import type { Audience, RecordingPolicy, RoomKind } from "@/generated/prisma/client";
import { notFound } from "../../errors";
import type { Db } from "../../infra/db";
import { audienceAllows, getRelationship, type Relationship } from "../social/relationship";
import { getJitsiDefaults } from "./jitsi-settings";

/** What one person may do in one room. Everyone else gets NOT_FOUND, worded as if the room did not exist. */
export interface RoomAccess {
  role: "owner" | "host" | "participant";
  /** "lobby": they knock and wait until a moderator admits them (profile rooms, for people outside the owner's audience). */
  entry: "direct" | "lobby";
  /** Recording is granted by the admin's policy, and never while the room is end-to-end encrypted. */
  mayRecord: boolean;
}

export interface RoomFacts {
  kind: RoomKind;
  deleted: boolean;
  e2ee: boolean;
  isOwner: boolean;
  isHost: boolean;
  /** GROUP: a member of the conversation. */
  isMember: boolean;
  /** MEETING / CALL: holds an invitation; and whether it has expired. */
  invite: { expired: boolean } | null;
  /** Between the person and the room's owner. */
  relationship: Relationship;
  /** PROFILE: the owner's settings. */
  ownerRoomPolicy: Audience;
  ownerProfileVisibility: Audience;
  recordingPolicy: RecordingPolicy;
  /** The admin's switch: without a lobby, nobody can be held for approval, so those who would be are refused. */
  lobbyEnabled: boolean;
}

/** The rules, as a pure function (unit-tested case by case); null means NOT_FOUND. */
export function decideRoomAccess(f: RoomFacts): RoomAccess | null {
  if (f.deleted) return null;
  // Blocks between a person and the room's owner always win. A group's room follows its membership instead, as
  // the group chat does (members who block each other still share the group).
  if (f.relationship.blocked && f.kind !== "GROUP") return null;
  const mayRecord = (role: RoomAccess["role"]) =>
    !f.e2ee &&
    (f.recordingPolicy === "EVERYONE" ||
      (f.recordingPolicy === "HOSTS" && role !== "participant") ||
      (f.recordingPolicy === "OWNER" && role === "owner"));
  const grant = (role: RoomAccess["role"], entry: RoomAccess["entry"] = "direct"): RoomAccess => ({
    role,
    entry,
    mayRecord: mayRecord(role),
  });

  // A group's room follows membership before anything else: an owner who left or was removed is nobody there.
  if (f.kind === "GROUP" && !f.isMember) return null;
  if (f.isOwner) return grant("owner");
  switch (f.kind) {
    case "GROUP":
      if (!f.isMember) return null;
      return grant(f.isHost ? "host" : "participant");
    case "MEETING":
    case "CALL":
      if (f.isHost) return grant("host");
      if (!f.invite || f.invite.expired) return null;
      return grant("participant");
    case "PROFILE":
      if (f.isHost) return grant("host");
      if (audienceAllows(f.ownerRoomPolicy, f.relationship)) return grant("participant");
      // Not in the owner's audience, but allowed to see the profile: may knock, and the owner decides.
      if (f.lobbyEnabled && audienceAllows(f.ownerProfileVisibility, f.relationship))
        return grant("participant", "lobby");
      return null;
  }
}

const NO_RELATIONSHIP: Relationship = {
  self: false,
  blocked: false,
  friends: false,
  friendsOfFriends: false,
  outgoingRequestId: null,
  incomingRequestId: null,
};

export const roomSelect = {
  id: true,
  kind: true,
  jitsiName: true,
  ownerId: true,
  conversationId: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  e2ee: true,
  deletedAt: true,
  owner: { select: { roomPolicy: true, profileVisibility: true } },
} as const;

/** Loads the room and the facts about this person, and applies the rules; NOT_FOUND when they may not enter. */
export async function requireRoomAccess(db: Db, userId: string, roomId: string) {
  const room = await db.room.findUnique({ where: { id: roomId }, select: roomSelect });
  if (!room) throw notFound("That room");
  const [host, member, invite, relationship, defaults] = await Promise.all([
    db.roomHost.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { userId: true } }),
    room.conversationId
      ? db.conversationMember.findUnique({
          where: { conversationId_userId: { conversationId: room.conversationId, userId } },
          select: { role: true },
        })
      : null,
    db.roomInvite.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { expiresAt: true } }),
    // A group's room follows membership alone: the relationship with its owner (four queries) is not needed.
    room.kind === "GROUP" ? NO_RELATIONSHIP : getRelationship(db, userId, room.ownerId),
    getJitsiDefaults({ db }),
  ]);
  const access = decideRoomAccess({
    kind: room.kind,
    deleted: !!room.deletedAt,
    e2ee: room.e2ee,
    isOwner: room.ownerId === userId,
    // Group admins host their group's room.
    isHost: !!host || member?.role === "ADMIN",
    isMember: !!member,
    invite: invite ? { expired: !!invite.expiresAt && invite.expiresAt <= new Date() } : null,
    relationship,
    ownerRoomPolicy: room.owner.roomPolicy,
    ownerProfileVisibility: room.owner.profileVisibility,
    recordingPolicy: defaults.recordingPolicy,
    lobbyEnabled: defaults.lobbyEnabled,
  });
  if (!access) throw notFound("That room");
  // The admin defaults come back too: joining needs them, and they were just read.
  return { room, access, defaults };
}
