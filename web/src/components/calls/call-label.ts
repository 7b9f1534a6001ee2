import type { CallView } from "@/server/services/realtime/events";
import { formatDuration } from "@/lib/dates";

/** What a finished (or live) call needs for its label: the call as a message or a history item carries it. */
export type CallSummary = Pick<CallView, "status" | "callerId" | "durationSeconds">;

export interface CallLabel {
  text: string;
  outgoing: boolean;
  /** A call this viewer missed: shown in red. */
  missed: boolean;
}

/**
 * A call described from the viewer's side: the caller reads "No answer" where the callee reads "Missed call".
 * A call the caller gave up on while it rang counts as missed for the callee, as on a phone.
 */
export function callLabel(call: CallSummary, viewerId: string): CallLabel {
  const outgoing = call.callerId === viewerId;
  const duration = formatDuration(call.durationSeconds);
  const talked = `${outgoing ? "Outgoing" : "Incoming"} call · ${duration}`;
  const label = (text: string, missed = false): CallLabel => ({ text, outgoing, missed });
  switch (call.status) {
    case "ringing":
      return label(outgoing ? "Calling…" : "Ringing…");
    case "accepted":
      return label("Call in progress");
    case "ended":
      return label(talked);
    case "declined":
      return label("Declined");
    case "missed":
    case "busy":
      return outgoing ? label("No answer") : label("Missed call", true);
    case "cancelled":
      return outgoing ? label("Cancelled call") : label("Missed call", true);
    case "failed":
      return label(call.durationSeconds > 0 ? `${talked} (connection lost)` : "Call failed");
  }
}
