import "server-only";
import { randomBytes } from "node:crypto";
import type { RoomKind } from "@/generated/prisma/client";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { isUniqueViolation } from "../../infra/prisma-errors";
import { requireMembership } from "../chat/access";
import { setInCall } from "../presence/presence";
import { audienceAllows, getRelationship } from "../social/relationship";
import { toUserCard, userCardSelect, type UserCard } from "../social/user-card";
import { requireGroupCalls } from "./jitsi-availability";
import { requireRoomAccess, type RoomAccess } from "./room-access";

export interface RoomView {
  id: string;
  kind: RoomKind;
  title: string;
  description: string;
  startsAt: string | null;
  endsAt: string | null;
  e2ee: boolean;
  owner: UserCard;
  conversationId: string | null;
  access: RoomAccess;
}

/** A new Jitsi room name: 120 random bits, lower-case base32 (Prosody compares names lower-cased; no "/"). */
export function newJitsiRoomName(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(24);
  return `hearth-${[...bytes].map((b) => alphabet[b % 32]).join("")}`;
}

/** The room as this person sees it (NOT_FOUND unless they may enter it, in person or through the lobby). */
export async function getRoom(deps: Deps, userId: string, roomId: string): Promise<RoomView> {
  const { room, access } = await requireRoomAccess(deps.db, userId, roomId);
  const owner = await deps.db.user.findUniqueOrThrow({ where: { id: room.ownerId }, select: userCardSelect });
  return {
    id: room.id,
    kind: room.kind,
    title: room.title,
    description: room.description,
    startsAt: room.startsAt?.toISOString() ?? null,
    endsAt: room.endsAt?.toISOString() ?? null,
    e2ee: room.e2ee,
    owner: toUserCard(owner),
    conversationId: room.conversationId,
    access,
  };
}

/** Creates a room of a kind that exists once per owner key (a conversation, a profile), or returns the existing one. */
async function ensureRoom(
  deps: Deps,
  where: { conversationId: string } | { ownerId: string; kind: "PROFILE" },
  create: { kind: RoomKind; ownerId: string; title: string; conversationId?: string },
): Promise<string> {
  const existing = await deps.db.room.findFirst({ where, select: { id: true } });
  if (existing) return existing.id;
  try {
    return (await deps.db.room.create({ data: { ...create, jitsiName: newJitsiRoomName() }, select: { id: true } })).id;
  } catch (error) {
    // Two members opened it at once (conversationId is unique).
    if (!isUniqueViolation(error)) throw error;
    return (await deps.db.room.findFirstOrThrow({ where, select: { id: true } })).id;
  }
}

/** The group conversation's room (members only). */
export async function groupRoom(deps: Deps, userId: string, conversationId: string): Promise<RoomView> {
  requireGroupCalls(deps.env);
  const membership = await requireMembership(deps.db, userId, conversationId);
  if (membership.conversation.kind !== "GROUP")
    throw new AppError("BAD_REQUEST", "1:1 conversations use calls, not rooms.");
  const group = await deps.db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { name: true, createdById: true, members: { where: { role: "ADMIN" }, select: { userId: true }, take: 1 } },
  });
  // The creator owns it while still a member; otherwise an admin does (admins host either way).
  const ownerId =
    group.createdById && membership.memberIds.includes(group.createdById)
      ? group.createdById
      : (group.members[0]?.userId ?? userId);
  const roomId = await ensureRoom(
    deps,
    { conversationId },
    { kind: "GROUP", ownerId, title: group.name ?? "Group call", conversationId },
  );
  return getRoom(deps, userId, roomId);
}

/** A person's profile room, for anyone who may see their profile (entry follows their room setting). */
export async function profileRoom(deps: Deps, viewerId: string, ownerId: string): Promise<RoomView> {
  requireGroupCalls(deps.env);
  const owner = await deps.db.user.findUnique({
    where: { id: ownerId },
    select: { displayName: true, profileVisibility: true },
  });
  if (!owner) throw notFound("That room");
  const relationship = await getRelationship(deps.db, viewerId, ownerId);
  if (!audienceAllows(owner.profileVisibility, relationship)) throw notFound("That room");
  const roomId = await ensureRoom(
    deps,
    { ownerId, kind: "PROFILE" },
    { kind: "PROFILE", ownerId, title: `${owner.displayName}'s room` },
  );
  return getRoom(deps, viewerId, roomId);
}

/** Hosts switch Jitsi's end-to-end encryption on or off for the room; recording is unavailable while it is on. */
export async function setRoomE2ee(deps: Deps, userId: string, roomId: string, on: boolean): Promise<RoomView> {
  const { access } = await requireRoomAccess(deps.db, userId, roomId);
  if (access.role === "participant") throw new AppError("FORBIDDEN", "Only the room's hosts can change encryption.");
  await deps.db.room.update({ where: { id: roomId }, data: { e2ee: on } });
  return getRoom(deps, userId, roomId);
}

/** How long "in a call" lasts after the meeting page says the user joined, unless it says they left first. */
export const ROOM_PRESENCE_TTL_SECONDS = 4 * 3600;

/**
 * The meeting page reports the IFrame API's joined/left events, so friends see "in a call" even before (or
 * without) Jitsi's own event webhook. Only for rooms the user may enter.
 */
export async function reportRoomPresence(deps: Deps, userId: string, roomId: string, joined: boolean): Promise<void> {
  await requireRoomAccess(deps.db, userId, roomId);
  await setInCall(deps, [userId], joined ? ROOM_PRESENCE_TTL_SECONDS : null);
}
