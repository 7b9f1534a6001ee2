import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Deps } from "../../infra/deps";
import { afterRoomEvent, type RoomEventEffects } from "./jitsi-events-effects";
import { deliveryKey, type JitsiEvent, type JitsiOccupant } from "./jitsi-events-schema";
import { isServiceOccupant } from "./jitsi-service-occupants";

type Tx = Prisma.TransactionClient;

export type JitsiEventOutcome =
  | { status: "recorded"; roomId: string }
  | { status: "duplicate" }
  | { status: "ignored"; reason: "unknown-room" | "breakout" | "service-occupant" };

const at = (seconds: number) => new Date(seconds * 1000);
const HEARTH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Records one event_sync delivery: room sessions and who was in them. Each delivery is recorded once (its key goes
 * into WebhookDelivery in the same transaction), and events may arrive in any order: whichever comes first for a
 * room instance opens its session, and room destroyed settles it from its full occupant list.
 */
export async function recordJitsiEvent(deps: Deps, received: JitsiEvent): Promise<JitsiEventOutcome> {
  // Jibri's recorder is nobody: never a stay, never one of "N people", never what makes a room live.
  const isService = (o: JitsiOccupant) => isServiceOccupant(o, deps.env.JITSI_XMPP_DOMAIN);
  if (
    (received.event_name === "muc-occupant-joined" || received.event_name === "muc-occupant-left") &&
    isService(received.occupant)
  ) {
    return { status: "ignored", reason: "service-occupant" };
  }
  const event =
    received.event_name === "muc-room-destroyed"
      ? { ...received, all_occupants: received.all_occupants.filter((o) => !isService(o)) }
      : received;
  if (event.is_breakout) {
    console.log(
      `[jitsi-events] breakout room event ignored: ${event.event_name} ${event.room_name}/${event.breakout_room_id ?? "?"}`,
    );
    return { status: "ignored", reason: "breakout" };
  }
  const room = await deps.db.room.findUnique({
    where: { jitsiName: event.room_name.toLowerCase() },
    select: { id: true },
  });
  if (!room) {
    console.warn(`[jitsi-events] unknown room ${JSON.stringify(event.room_name)} (${event.event_name}): ignored`);
    return { status: "ignored", reason: "unknown-room" };
  }
  const effects = await deps.db.$transaction(
    async (tx) => {
      // One room's events apply one at a time, so two first events cannot each open a session.
      await tx.$queryRaw`SELECT id FROM "Room" WHERE id = ${room.id} FOR UPDATE`;
      const { count } = await tx.webhookDelivery.createMany({
        data: [{ key: deliveryKey(event) }],
        skipDuplicates: true,
      });
      if (count === 0) return null;
      return apply(tx, room.id, event);
    },
    { timeout: 15_000 },
  );
  if (!effects) return { status: "duplicate" };
  await afterRoomEvent(deps, room.id, effects);
  return { status: "recorded", roomId: room.id };
}

async function apply(tx: Tx, roomId: string, event: JitsiEvent): Promise<RoomEventEffects> {
  const effects: RoomEventEffects = { joined: [], left: [], endedSessionIds: [] };
  switch (event.event_name) {
    case "muc-room-created": {
      const startedAt = at(event.created_at);
      const open = await tx.roomSession.findFirst({
        where: { roomId, endedAt: null },
        orderBy: { startedAt: "desc" },
        select: { id: true, startedAt: true },
      });
      if (open && open.startedAt >= startedAt) {
        // An occupant's event came first and opened the session at their join time: it starts when the room did.
        await tx.roomSession.update({ where: { id: open.id }, data: { startedAt } });
        break;
      }
      // An older session still open missed its room destroyed: it ended when the room was made again at the latest.
      if (open) effects.left.push(...(await endSession(tx, open.id, startedAt, effects)));
      await tx.roomSession.upsert({
        where: { roomId_startedAt: { roomId, startedAt } },
        create: { roomId, startedAt },
        update: {},
      });
      break;
    }
    case "muc-occupant-joined":
    case "muc-occupant-left": {
      const o = event.occupant;
      const session = await sessionAt(tx, roomId, at(o.joined_at));
      const userId = (await hearthUserIds(tx, [o])).get(o.id ?? "") ?? null;
      const leftAt = o.left_at ? at(o.left_at) : session.endedAt;
      const row = await tx.roomParticipant.upsert({
        where: {
          sessionId_occupantJid_joinedAt: {
            sessionId: session.id,
            occupantJid: o.occupant_jid,
            joinedAt: at(o.joined_at),
          },
        },
        create: {
          sessionId: session.id,
          occupantJid: o.occupant_jid,
          joinedAt: at(o.joined_at),
          leftAt,
          userId,
          displayName: o.name ?? "",
        },
        update: o.left_at ? { leftAt } : {},
        select: { userId: true, leftAt: true },
      });
      if (row.userId) (row.leftAt ? effects.left : effects.joined).push(row.userId);
      break;
    }
    case "muc-room-destroyed": {
      const startedAt = at(event.created_at);
      const endedAt = at(event.destroyed_at);
      const found = await tx.roomSession.findFirst({
        where: { roomId, startedAt: { gte: startedAt, lte: endedAt } },
        orderBy: { startedAt: "asc" },
        select: { id: true },
      });
      const session = found
        ? await tx.roomSession.update({
            where: { id: found.id },
            data: { startedAt },
            select: { id: true, endedAt: true },
          })
        : await tx.roomSession.create({ data: { roomId, startedAt }, select: { id: true, endedAt: true } });
      const openBefore = await tx.roomParticipant.findMany({
        where: { sessionId: session.id, leftAt: null, userId: { not: null } },
        select: { userId: true },
      });
      // The full list settles joins and leaves whose own deliveries were lost.
      const ids = await hearthUserIds(tx, event.all_occupants);
      for (const o of event.all_occupants) {
        const leftAt = at(o.left_at ?? event.destroyed_at);
        await tx.roomParticipant.upsert({
          where: {
            sessionId_occupantJid_joinedAt: {
              sessionId: session.id,
              occupantJid: o.occupant_jid,
              joinedAt: at(o.joined_at),
            },
          },
          create: {
            sessionId: session.id,
            occupantJid: o.occupant_jid,
            joinedAt: at(o.joined_at),
            leftAt,
            userId: ids.get(o.id ?? "") ?? null,
            displayName: o.name ?? "",
          },
          update: { leftAt },
        });
      }
      if (!session.endedAt) effects.left.push(...(await endSession(tx, session.id, endedAt, effects)));
      effects.left.push(...openBefore.flatMap((p) => (p.userId ? [p.userId] : [])));
      break;
    }
  }
  return effects;
}

/** Ends a session and everyone still in it; returns the Hearth users it closed. */
async function endSession(tx: Tx, sessionId: string, endedAt: Date, effects: RoomEventEffects): Promise<string[]> {
  const open = await tx.roomParticipant.findMany({ where: { sessionId, leftAt: null }, select: { userId: true } });
  await tx.roomParticipant.updateMany({ where: { sessionId, leftAt: null }, data: { leftAt: endedAt } });
  await tx.roomSession.update({ where: { id: sessionId }, data: { endedAt } });
  effects.endedSessionIds.push(sessionId);
  return open.flatMap((p) => (p.userId ? [p.userId] : []));
}

/**
 * The session an occupant's stay belongs to: the one running at their join time, else the open one (whose start
 * moves back to include them), else a new one opened from their join (room created has not arrived yet).
 */
async function sessionAt(tx: Tx, roomId: string, joinedAt: Date): Promise<{ id: string; endedAt: Date | null }> {
  const select = { id: true, startedAt: true, endedAt: true } as const;
  const running = await tx.roomSession.findFirst({
    where: { roomId, startedAt: { lte: joinedAt }, OR: [{ endedAt: null }, { endedAt: { gte: joinedAt } }] },
    orderBy: { startedAt: "desc" },
    select,
  });
  if (running) return running;
  const open = await tx.roomSession.findFirst({
    where: { roomId, endedAt: null },
    orderBy: { startedAt: "desc" },
    select,
  });
  if (open) return tx.roomSession.update({ where: { id: open.id }, data: { startedAt: joinedAt }, select });
  return tx.roomSession.create({ data: { roomId, startedAt: joinedAt }, select });
}

/** Occupant ids (from the Jitsi token's context.user.id) that name real Hearth users. */
async function hearthUserIds(tx: Tx, occupants: JitsiOccupant[]): Promise<Map<string, string>> {
  const candidates = [...new Set(occupants.flatMap((o) => (o.id && HEARTH_ID.test(o.id) ? [o.id] : [])))];
  if (candidates.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: candidates } }, select: { id: true } });
  return new Map(users.map((u) => [u.id, u.id]));
}
