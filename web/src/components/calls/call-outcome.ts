import { formatDuration } from "@/server/services/calls/call-view";
import type { CallParty, CallView } from "@/server/services/realtime/events";

export const isLive = (status: CallView["status"]) => status === "ringing" || status === "accepted";

/** What the caller's (or either party's) screen says when a call is over. */
export function outcomeText(call: CallView, other: CallParty): string {
  switch (call.status) {
    case "declined":
      return `${other.displayName} declined`;
    case "busy":
      return `${other.displayName} is in another call`;
    case "missed":
      return call.missedReason ? `${other.displayName} isn't available right now` : "No answer";
    case "failed":
      return "Call failed — couldn't connect";
    case "cancelled":
      return "Call cancelled";
    default:
      return `Call ended · ${formatDuration(call.durationSeconds)}`;
  }
}
