import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { publishToUsers } from "../realtime/event-stream";
import type { CallSignal } from "../realtime/events";
import { requireCallParty } from "./call-actions";

/**
 * Relays one WebRTC signal (SDP, ICE candidate, media or recording state) from a party's device to the other
 * party's device, only while the call is answered and only from the device that placed or answered it. Signals
 * are kept events, so a device whose event stream reconnects mid-negotiation still gets every candidate.
 */
export async function relaySignal(
  deps: Deps,
  userId: string,
  input: { callId: string; deviceId: string; signal: CallSignal },
): Promise<void> {
  const call = await requireCallParty(deps, userId, input.callId);
  if (call.status !== "ACCEPTED") throw new AppError("CONFLICT", "That call is not connected.");
  const isCaller = call.callerId === userId;
  const ownDevice = isCaller ? call.callerDeviceId : call.calleeDeviceId;
  if (input.deviceId !== ownDevice) throw new AppError("FORBIDDEN", "This call is on another of your devices.");
  await deps.limits.callSignalsPerUser.consume(userId);
  const to = isCaller
    ? { userId: call.calleeId, deviceId: call.calleeDeviceId! }
    : { userId: call.callerId, deviceId: call.callerDeviceId };
  await publishToUsers(deps.redis, [to.userId], {
    type: "call.signal",
    callId: call.id,
    fromUserId: userId,
    toDeviceId: to.deviceId,
    signal: input.signal,
  });
}
