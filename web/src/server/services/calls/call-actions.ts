import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { setInCall } from "../presence/presence";
import type { CallView } from "../realtime/events";
import { isFinished, transition, type CallEvent } from "./call-state";
import { publishCallUpdate, recordFinishedCall } from "./call-record";
import { callSelect, type CallRow, toCallState, toDbStatus } from "./call-view";
import { activeCallIdOf, LIVE_CALL_TTL_SECONDS, renewParties } from "./live-calls";

/** A call the user is a party to, or NOT_FOUND (for everyone else, and for ids that do not exist). */
export async function requireCallParty(deps: Deps, userId: string, callId: string): Promise<CallRow> {
  const row = await deps.db.call.findUnique({ where: { id: callId }, select: callSelect });
  if (!row || (row.callerId !== userId && row.calleeId !== userId)) throw notFound("That call");
  return row;
}

/**
 * Applies one event through the state machine and persists it with a compare-and-set on the status, so two
 * devices answering at once (or an answer racing the ring timeout) cannot both win: the loser gets CONFLICT.
 */
async function applyEvent(
  deps: Deps,
  row: CallRow,
  event: CallEvent,
  extra: Prisma.CallUpdateManyMutationInput = {},
): Promise<CallView> {
  const next = transition(toCallState(row), event, Date.now());
  const data = {
    status: toDbStatus(next.status),
    acceptedAt: next.acceptedAt ? new Date(next.acceptedAt) : null,
    endedAt: next.endedAt ? new Date(next.endedAt) : null,
    endedById: next.endedBy,
    ...extra,
  };
  const { count } = await deps.db.call.updateMany({ where: { id: row.id, status: row.status }, data });
  if (count === 0) throw new AppError("CONFLICT", "That call has already been answered or ended.");
  const updated = await deps.db.call.findUniqueOrThrow({ where: { id: row.id }, select: callSelect });
  if (isFinished(next.status)) return recordFinishedCall(deps, updated);
  if (next.status === "accepted") {
    await renewParties(deps.redis, row.id, [row.callerId, row.calleeId], LIVE_CALL_TTL_SECONDS);
    await setInCall(deps, [row.callerId, row.calleeId], LIVE_CALL_TTL_SECONDS);
  }
  return publishCallUpdate(deps, updated);
}

/** The callee answers on one device; their other devices stop ringing when they hear the update. */
export async function answerCall(
  deps: Deps,
  userId: string,
  input: { callId: string; deviceId: string },
): Promise<CallView> {
  const row = await requireCallParty(deps, userId, input.callId);
  return applyEvent(deps, row, { type: "accept", by: userId }, { calleeDeviceId: input.deviceId });
}

export async function declineCall(deps: Deps, userId: string, callId: string): Promise<CallView> {
  return applyEvent(deps, await requireCallParty(deps, userId, callId), { type: "decline", by: userId });
}

/** Hang up: cancels a call still ringing (caller), declines it (callee), or ends an answered one. */
export async function hangUp(deps: Deps, userId: string, callId: string): Promise<CallView> {
  return applyEvent(deps, await requireCallParty(deps, userId, callId), { type: "hangup", by: userId });
}

/** A party's browser gave up connecting (or reconnecting) the media. */
export async function reportCallFailed(deps: Deps, userId: string, callId: string): Promise<CallView> {
  return applyEvent(deps, await requireCallParty(deps, userId, callId), { type: "fail" });
}

/** While a call is answered, each party's device renews it (and "in a call") every few seconds. */
export async function keepCallAlive(deps: Deps, userId: string, callId: string): Promise<{ live: boolean }> {
  const row = await requireCallParty(deps, userId, callId);
  if (row.status !== "ACCEPTED") return { live: false };
  await renewParties(deps.redis, callId, [userId], LIVE_CALL_TTL_SECONDS);
  await setInCall(deps, [userId], LIVE_CALL_TTL_SECONDS);
  return { live: true };
}

/** The caller's browser reports how the media flows (direct or through the TURN relay), for the call history. */
export async function reportConnection(
  deps: Deps,
  userId: string,
  input: { callId: string; relayed: boolean },
): Promise<void> {
  const row = await requireCallParty(deps, userId, input.callId);
  if (row.status !== "ACCEPTED") throw new AppError("CONFLICT", "That call is not connected.");
  await deps.db.call.update({ where: { id: row.id }, data: { relayed: input.relayed } });
}

/** The ring timer fired: a call still ringing becomes missed. Harmless when it was answered or ended meanwhile. */
export async function expireRingingCall(deps: Deps, callId: string): Promise<CallView | null> {
  const row = await deps.db.call.findUnique({ where: { id: callId }, select: callSelect });
  if (!row || row.status !== "RINGING") return null;
  return unlessAlreadyOver(applyEvent(deps, row, { type: "timeout" }));
}

/** For events the system raises on its own (timers, blocks): a call that ended meanwhile is no error. */
async function unlessAlreadyOver<T>(attempt: Promise<T>): Promise<T | null> {
  try {
    return await attempt;
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") return null;
    throw error;
  }
}

/** Ends whatever call (ringing or answered) is going on between these two, on behalf of `byUserId` (e.g. a block). */
export async function endCallBetween(deps: Deps, byUserId: string, otherId: string): Promise<void> {
  const callId = await activeCallIdOf(deps.redis, byUserId);
  if (!callId) return;
  const row = await deps.db.call.findUnique({ where: { id: callId }, select: callSelect });
  if (
    !row ||
    ![row.callerId, row.calleeId].includes(otherId) ||
    (row.status !== "RINGING" && row.status !== "ACCEPTED")
  )
    return;
  await unlessAlreadyOver(applyEvent(deps, row, { type: "hangup", by: byUserId }));
}
