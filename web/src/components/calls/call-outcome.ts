import { formatDuration } from "@/lib/dates";
import type { CallParty, CallView } from "@/server/services/realtime/events";

export const isLive = (status: CallView["status"]) => status === "ringing" || status === "accepted";

/** A failed call: it never connected, or it did and the connection was lost (whichever side gave up first). */
export const failedText = (everConnected: boolean) =>
  everConnected ? "Call failed — the connection was lost" : "Call failed — couldn't connect";

/** What the caller's (or either party's) screen says when a call is over; `everConnected`: media flowed on this device. */
export function outcomeText(call: CallView, other: CallParty, everConnected = false): string {
  switch (call.status) {
    case "declined":
      return `${other.displayName} declined`;
    case "busy":
      return `${other.displayName} is in another call`;
    case "missed":
      return call.missedReason ? `${other.displayName} isn't available right now` : "No answer";
    case "failed":
      return failedText(everConnected);
    case "cancelled":
      return "Call cancelled";
    default:
      return `Call ended · ${formatDuration(call.durationSeconds)}`;
  }
}
