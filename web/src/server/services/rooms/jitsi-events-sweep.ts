import "server-only";
import type { Deps } from "../../infra/deps";
import { afterRoomEvent } from "./jitsi-events-effects";

/** event_sync retries within seconds (api_retry_count × api_retry_delay), so a day of delivery keys is plenty. */
export const DELIVERY_KEYS_KEPT_MS = 24 * 3600_000;

/** Forgets delivery keys no retry can still repeat; run by the worker's sweep-webhook-deliveries job (worker/jobs.ts). */
export async function pruneWebhookDeliveries(deps: Pick<Deps, "db">, now = Date.now()): Promise<number> {
  const { count } = await deps.db.webhookDelivery.deleteMany({
    where: { receivedAt: { lt: new Date(now - DELIVERY_KEYS_KEPT_MS) } },
  });
  return count;
}

/** An open session nobody has been in for this long lost its "room destroyed" delivery. */
export const EMPTY_SESSION_MS = 15 * 60_000;
/** No meeting is open this long: its events were lost (Jitsi was restarted, the webhook was down). */
export const LONGEST_SESSION_MS = 24 * 3600_000;

/**
 * Ends sessions whose "room destroyed" never arrived, so no room shows live forever: empty ones after 15 minutes,
 * any after a day (closing the stays still open). Then the usual effects: room.live, presence, the group's call entry.
 */
export async function endAbandonedSessions(deps: Deps, now = Date.now()): Promise<number> {
  const open = await deps.db.roomSession.findMany({
    where: { endedAt: null, startedAt: { lt: new Date(now - EMPTY_SESSION_MS) } },
    select: {
      id: true,
      roomId: true,
      startedAt: true,
      participants: { select: { userId: true, joinedAt: true, leftAt: true } },
    },
    take: 200,
  });
  let ended = 0;
  for (const session of open) {
    const stillIn = session.participants.filter((p) => !p.leftAt);
    const lastActivity = Math.max(
      session.startedAt.getTime(),
      ...session.participants.map((p) => (p.leftAt ?? p.joinedAt).getTime()),
    );
    const abandoned =
      (stillIn.length === 0 && lastActivity < now - EMPTY_SESSION_MS) ||
      session.startedAt.getTime() < now - LONGEST_SESSION_MS;
    if (!abandoned) continue;
    const endedAt = new Date(stillIn.length ? now : lastActivity);
    const { count } = await deps.db.roomSession.updateMany({
      where: { id: session.id, endedAt: null },
      data: { endedAt },
    });
    if (count === 0) continue; // ended by a late delivery meanwhile
    await deps.db.roomParticipant.updateMany({
      where: { sessionId: session.id, leftAt: null },
      data: { leftAt: endedAt },
    });
    await afterRoomEvent(deps, session.roomId, {
      joined: [],
      left: stillIn.flatMap((p) => (p.userId ? [p.userId] : [])),
      endedSessionIds: [session.id],
    });
    ended++;
  }
  return ended;
}
