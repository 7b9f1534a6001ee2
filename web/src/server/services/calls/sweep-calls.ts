import "server-only";
import type { Deps } from "../../infra/deps";
import { RING_TIMEOUT_MS } from "./call-state";
import { expireRingingCall, reportCallFailed } from "./call-actions";
import { activeCallIdOf } from "./live-calls";

const GRACE_MS = 10_000;

/**
 * Housekeeping behind the timers and keep-alives (the worker's sweep-calls job, every SWEEP_EVERY_SECONDS):
 * ringing calls whose timeout job was lost become missed, and answered calls that neither party's device keeps
 * alive any more (both browsers closed or crashed) end as failed. Safe to run from several processes at once.
 */
export async function sweepCalls(deps: Deps, now = Date.now()): Promise<{ missed: number; dropped: number }> {
  const ringing = await deps.db.call.findMany({
    where: { status: "RINGING", createdAt: { lt: new Date(now - RING_TIMEOUT_MS - GRACE_MS) } },
    select: { id: true },
    take: 500,
  });
  let missed = 0;
  for (const { id } of ringing) if (await expireRingingCall(deps, id)) missed++;

  const answered = await deps.db.call.findMany({
    where: { status: "ACCEPTED" },
    select: { id: true, callerId: true, calleeId: true },
    take: 500,
  });
  let dropped = 0;
  for (const call of answered) {
    const [a, b] = await Promise.all([
      activeCallIdOf(deps.redis, call.callerId),
      activeCallIdOf(deps.redis, call.calleeId),
    ]);
    if (a === call.id || b === call.id) continue;
    try {
      await reportCallFailed(deps, call.callerId, call.id);
      dropped++;
    } catch {
      // Ended by a party meanwhile.
    }
  }
  return { missed, dropped };
}
