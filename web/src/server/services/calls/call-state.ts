import "server-only";
import { AppError } from "../../errors";

/**
 * The 1:1 call lifecycle as a pure state machine (persisted by the calls service; live state mirrored in Redis).
 *
 *   ringing ──accept (callee)──▶ accepted ──hangup (either)──▶ ended
 *      │                            └──────fail──────────────▶ failed
 *      ├─decline (callee)──▶ declined
 *      ├─cancel / hangup (caller)──▶ cancelled
 *      └─timeout (30 s)──▶ missed
 *   busy: a call placed while the callee is already in one starts (and stays) busy.
 */
export type CallStatus = "ringing" | "accepted" | "declined" | "cancelled" | "missed" | "busy" | "ended" | "failed";
export const RING_TIMEOUT_MS = 30_000;

export interface CallState {
  status: CallStatus;
  callerId: string;
  calleeId: string;
  createdAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  endedBy: string | null;
}

export type CallEvent =
  | { type: "accept"; by: string }
  | { type: "decline"; by: string }
  | { type: "cancel"; by: string }
  | { type: "hangup"; by: string }
  | { type: "timeout" }
  | { type: "fail" };

export const isFinished = (status: CallStatus) => !["ringing", "accepted"].includes(status);

export function startCall(
  callerId: string,
  calleeId: string,
  options: { calleeBusy: boolean; now: number },
): CallState {
  if (callerId === calleeId) throw new AppError("BAD_REQUEST", "You cannot call yourself.");
  const base = { callerId, calleeId, createdAt: options.now, acceptedAt: null, endedAt: null, endedBy: null };
  return options.calleeBusy ? { ...base, status: "busy", endedAt: options.now } : { ...base, status: "ringing" };
}

/** The next state, or an AppError: CONFLICT when the call is past that point, NOT_FOUND for someone not in the call. */
export function transition(state: CallState, event: CallEvent, now: number): CallState {
  const party = "by" in event ? event.by : null;
  if (party && party !== state.callerId && party !== state.calleeId)
    throw new AppError("NOT_FOUND", "That call was not found.");
  if (isFinished(state.status)) throw new AppError("CONFLICT", "That call has already ended.");
  const end = (status: CallStatus, by: string | null): CallState => ({ ...state, status, endedAt: now, endedBy: by });

  if (state.status === "ringing") {
    switch (event.type) {
      case "accept":
        if (event.by !== state.calleeId) throw new AppError("BAD_REQUEST", "Only the person being called can answer.");
        return { ...state, status: "accepted", acceptedAt: now };
      case "decline":
        if (event.by !== state.calleeId) throw new AppError("BAD_REQUEST", "Only the person being called can decline.");
        return end("declined", event.by);
      case "cancel":
      case "hangup":
        // The callee hanging up a ringing call is declining it.
        return event.by === state.callerId ? end("cancelled", event.by) : end("declined", event.by);
      case "timeout":
        if (now - state.createdAt < RING_TIMEOUT_MS) throw new AppError("CONFLICT", "The call is still ringing.");
        return end("missed", null);
      case "fail":
        return end("failed", null);
    }
  }
  // accepted
  switch (event.type) {
    case "hangup":
    case "cancel":
      return end("ended", event.by);
    case "fail":
      return end("failed", null);
    case "timeout":
      throw new AppError("CONFLICT", "The call was answered.");
    case "accept":
    case "decline":
      throw new AppError("CONFLICT", "The call was already answered.");
  }
}

/** Seconds between answer and end, for the call history (0 for calls never answered). */
export function callDurationSeconds(state: CallState): number {
  return state.acceptedAt && state.endedAt ? Math.round((state.endedAt - state.acceptedAt) / 1000) : 0;
}

/**
 * Two people calling each other at the same moment: the second call is not placed; the first one is answered
 * on the second caller's behalf, so they are simply connected.
 */
export function resolveCrossedCall(
  existing: CallState,
  newCallerId: string,
  newCalleeId: string,
  now: number,
): CallState | null {
  if (existing.status !== "ringing" || existing.callerId !== newCalleeId || existing.calleeId !== newCallerId)
    return null;
  return transition(existing, { type: "accept", by: newCallerId }, now);
}
