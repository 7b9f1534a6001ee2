import "server-only";
import { randomBytes } from "node:crypto";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { ensureDirectConversation, mayOpenDirect } from "../chat/open-direct";
import { presenceOf } from "../presence/presence";
import { publishToUsers } from "../realtime/event-stream";
import type { CallView } from "../realtime/events";
import { audienceAllows, getRelationship } from "../social/relationship";
import { toUserCard, userCardSelect } from "../social/user-card";
import { answerCall } from "./call-actions";
import { RING_TIMEOUT_MS, startCall } from "./call-state";
import { publishCallUpdate, recordFinishedCall } from "./call-record";
import { callSelect, toDbStatus } from "./call-view";
import { isAvailableForCalls } from "./availability";
import { claimParties, releaseParties } from "./live-calls";

/**
 * Places a 1:1 call from one of the caller's devices. Who may call follows the callee's "who may call me" setting
 * and blocks (NOT_FOUND otherwise, as for a missing account). Then, in order:
 *  - the caller already in a call: CONFLICT, unless that call is the callee ringing them (they are connected);
 *  - the callee already in a call: the call is recorded as busy;
 *  - the callee offline, in do-not-disturb or quiet hours: recorded as missed without ringing;
 *  - otherwise every device of the callee rings until one answers, they decline, or 30 s pass.
 */
export async function placeCall(
  deps: Deps,
  callerId: string,
  input: { calleeId: string; deviceId: string },
): Promise<CallView> {
  if (input.calleeId === callerId) throw new AppError("BAD_REQUEST", "You cannot call yourself.");
  const callee = await deps.db.user.findUnique({
    where: { id: input.calleeId },
    select: {
      callPolicy: true,
      profileVisibility: true,
      doNotDisturbUntil: true,
      quietHoursStart: true,
      quietHoursEnd: true,
      timeZone: true,
    },
  });
  if (!callee) throw notFound("That person");
  const relationship = await getRelationship(deps.db, callerId, input.calleeId);
  // A call opens the pair's conversation, so it needs what a message would need as well as the callee's call setting.
  if (!audienceAllows(callee.callPolicy, relationship) || !mayOpenDirect(relationship, callee.profileVisibility))
    throw notFound("That person");
  await deps.limits.callsPerUser.consume(callerId);

  const { conversationId } = await ensureDirectConversation(deps, callerId, input.calleeId);
  const now = new Date();
  const callId = randomBytes(12).toString("base64url");
  const claim = await claimParties(deps.redis, callId, callerId, input.calleeId);
  if (claim.outcome === "caller-busy") {
    const crossed = await deps.db.call.findUnique({ where: { id: claim.otherCallId }, select: callSelect });
    if (
      crossed &&
      crossed.status === "RINGING" &&
      crossed.callerId === input.calleeId &&
      crossed.calleeId === callerId
    ) {
      return answerCall(deps, callerId, { callId: crossed.id, deviceId: input.deviceId });
    }
    throw new AppError("CONFLICT", "You are already in a call.");
  }

  const state = startCall(callerId, input.calleeId, {
    calleeBusy: claim.outcome === "callee-busy",
    now: now.getTime(),
  });
  const online = (await presenceOf(deps.redis, [input.calleeId])).get(input.calleeId)!.status !== "offline";
  const missedReason =
    state.status === "busy" ? null : !online ? "offline" : !isAvailableForCalls(callee, now) ? "unavailable" : null;
  const rings = state.status === "ringing" && !missedReason;
  const row = await deps.db.call.create({
    data: {
      id: callId,
      conversationId,
      callerId,
      calleeId: input.calleeId,
      callerDeviceId: input.deviceId,
      status: rings ? "RINGING" : toDbStatus(missedReason ? "missed" : state.status),
      missedReason,
      createdAt: now,
      endedAt: rings ? null : now,
    },
    select: callSelect,
  });
  if (!rings) {
    if (claim.outcome === "ok") await releaseParties(deps.redis, callId, [callerId, input.calleeId]);
    return recordFinishedCall(deps, row);
  }

  const caller = await deps.db.user.findUniqueOrThrow({ where: { id: callerId }, select: userCardSelect });
  const call = await publishCallUpdate(deps, row);
  await publishToUsers(deps.redis, [input.calleeId], { type: "call.ringing", call, caller: toUserCard(caller) });
  await deps.callTimers.scheduleRingTimeout(callId, RING_TIMEOUT_MS + 250);
  return call;
}
