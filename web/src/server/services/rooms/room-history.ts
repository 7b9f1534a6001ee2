import "server-only";
import type { Prisma, RoomKind } from "@/generated/prisma/client";
import type { Deps } from "../../infra/deps";
import { toUserCard, userCardSelect, type UserCard } from "../social/user-card";
import { requireRoomAccess } from "./room-access";
import {
  decodeSessionCursor,
  encodeSessionCursor,
  type HistoryPageInput,
  type RoomSessionsInput,
} from "./room-history-schema";

/** One stay in a session (a device's join to its leave); guests from outside Hearth have no user. */
export interface StayView {
  user: UserCard | null;
  displayName: string;
  joinedAt: string;
  leftAt: string | null;
}

export interface SessionView {
  id: string;
  room: { id: string; kind: RoomKind; title: string; conversationId: string | null };
  startedAt: string;
  endedAt: string | null;
  stays: StayView[];
}

/** A session in the viewer's own history: when they were in it, and who else was. */
export interface HistoryEntry extends Omit<SessionView, "stays"> {
  joinedAt: string;
  leftAt: string | null;
  others: StayView[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const sessionSelect = {
  id: true,
  startedAt: true,
  endedAt: true,
  room: { select: { id: true, kind: true, title: true, conversationId: true } },
  participants: {
    orderBy: { joinedAt: "asc" },
    select: { userId: true, occupantJid: true, displayName: true, joinedAt: true, leftAt: true },
  },
} as const satisfies Prisma.RoomSessionSelect;
type SessionRow = Prisma.RoomSessionGetPayload<{ select: typeof sessionSelect }>;
type ParticipantRow = SessionRow["participants"][number];

/** Newest first, keyset-paged on (startedAt, id). */
async function sessionPage(
  deps: Deps,
  where: Prisma.RoomSessionWhereInput,
  page: { cursor?: string; limit: number },
): Promise<{ rows: SessionRow[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeSessionCursor(page.cursor) : null;
  const keyset: Prisma.RoomSessionWhereInput = after
    ? { OR: [{ startedAt: { lt: after.startedAt } }, { startedAt: after.startedAt, id: { lt: after.id } }] }
    : {};
  const rows = await deps.db.roomSession.findMany({
    where: { AND: [where, keyset] },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: sessionSelect,
  });
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  const last = kept.at(-1);
  return { rows: kept, nextCursor: more && last ? encodeSessionCursor(last) : null };
}

/** Cards for the Hearth users among the stays, leaving out anyone the viewer has blocked or is blocked by. */
async function peopleFor(
  deps: Deps,
  viewerId: string,
  rows: SessionRow[],
): Promise<{ cards: Map<string, UserCard>; hidden: Set<string> }> {
  const ids = [...new Set(rows.flatMap((r) => r.participants.flatMap((p) => (p.userId ? [p.userId] : []))))];
  const [users, blocks] = await Promise.all([
    deps.db.user.findMany({ where: { id: { in: ids } }, select: userCardSelect }),
    deps.db.block.findMany({
      where: {
        OR: [
          { blockerId: viewerId, blockedId: { in: ids } },
          { blockedId: viewerId, blockerId: { in: ids } },
        ],
      },
      select: { blockerId: true, blockedId: true },
    }),
  ]);
  const hidden = new Set(blocks.map((b) => (b.blockerId === viewerId ? b.blockedId : b.blockerId)));
  return { cards: new Map(users.map((u) => [u.id, toUserCard(u)])), hidden };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toStay(p: ParticipantRow, cards: Map<string, UserCard>): StayView {
  const user = p.userId ? (cards.get(p.userId) ?? null) : null;
  return {
    user,
    displayName: user?.displayName ?? p.displayName,
    joinedAt: p.joinedAt.toISOString(),
    leftAt: iso(p.leftAt),
  };
}

const visible = (hidden: Set<string>) => (p: ParticipantRow) => !p.userId || !hidden.has(p.userId);
const sessionHead = (r: SessionRow) => ({
  id: r.id,
  room: r.room,
  startedAt: r.startedAt.toISOString(),
  endedAt: iso(r.endedAt),
});

/** Merges one person's stays (rejoins, several devices) into their first join and last leave. */
function mergeStays(stays: ParticipantRow[]): { joinedAt: Date; leftAt: Date | null } {
  const joinedAt = new Date(Math.min(...stays.map((s) => s.joinedAt.getTime())));
  const leftAt = stays.some((s) => !s.leftAt) ? null : new Date(Math.max(...stays.map((s) => s.leftAt!.getTime())));
  return { joinedAt, leftAt };
}

/** The sessions this user took part in, newest first, with their own time in each and who else was there. */
export async function roomHistory(deps: Deps, userId: string, input: HistoryPageInput): Promise<Page<HistoryEntry>> {
  const { rows, nextCursor } = await sessionPage(deps, { participants: { some: { userId } } }, input);
  const { cards, hidden } = await peopleFor(deps, userId, rows);
  const items = rows.map((r): HistoryEntry => {
    const own = mergeStays(r.participants.filter((p) => p.userId === userId));
    const byPerson = new Map<string, ParticipantRow[]>();
    for (const p of r.participants.filter(visible(hidden))) {
      if (p.userId === userId) continue;
      const key = p.userId ?? `guest:${p.occupantJid}`;
      byPerson.set(key, [...(byPerson.get(key) ?? []), p]);
    }
    const others = [...byPerson.values()].map((stays) => ({
      ...toStay(stays[0]!, cards),
      ...mapDates(mergeStays(stays)),
    }));
    return { ...sessionHead(r), joinedAt: own.joinedAt.toISOString(), leftAt: iso(own.leftAt), others };
  });
  return { items, nextCursor };
}

const mapDates = (m: { joinedAt: Date; leftAt: Date | null }) => ({
  joinedAt: m.joinedAt.toISOString(),
  leftAt: iso(m.leftAt),
});

/**
 * One room's sessions with every stay, for those who may see the room (NOT_FOUND for anyone else). A profile room is
 * open to people the owner never chose (those who may knock): its attendance is the owner's and hosts' to see, and
 * everyone else sees only the sessions they were in.
 */
export async function roomSessions(deps: Deps, userId: string, input: RoomSessionsInput): Promise<Page<SessionView>> {
  const { room, access } = await requireRoomAccess(deps.db, userId, input.roomId);
  const attendedOnly = room.kind === "PROFILE" && access.role === "participant";
  const where: Prisma.RoomSessionWhereInput = attendedOnly
    ? { roomId: input.roomId, participants: { some: { userId } } }
    : { roomId: input.roomId };
  const { rows, nextCursor } = await sessionPage(deps, where, input);
  const { cards, hidden } = await peopleFor(deps, userId, rows);
  const items = rows.map((r) => ({
    ...sessionHead(r),
    stays: r.participants.filter(visible(hidden)).map((p) => toStay(p, cards)),
  }));
  return { items, nextCursor };
}
