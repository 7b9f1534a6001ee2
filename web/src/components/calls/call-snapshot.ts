import type { CallParty, CallView } from "@/server/services/realtime/events";
import { NO_RECORDING, type RecordingState } from "./call-recording";
import type { ConnectionStats } from "./call-stats";
import type { MediaState } from "./local-media";
import type { SessionState } from "./peer-session";

export type CallPhase =
  | { kind: "idle" }
  | { kind: "incoming"; call: CallView; other: CallParty; answering: boolean }
  /** Placing the call (call is null until the server answers) and ringing. */
  | { kind: "outgoing"; call: CallView | null; other: CallParty }
  | { kind: "in-call"; call: CallView; other: CallParty }
  | { kind: "ended"; other: CallParty; outcome: string; failed: boolean };

export interface CallSnapshot {
  phase: CallPhase;
  connection: SessionState | null;
  stats: ConnectionStats | null;
  localPreview: MediaStream | null;
  localMedia: MediaState | null;
  remoteStream: MediaStream | null;
  /** Bumped when tracks are added to the (same) remote stream object. */
  remoteVersion: number;
  remoteMedia: MediaState;
  recording: RecordingState;
}

export const IDLE_SNAPSHOT: CallSnapshot = {
  phase: { kind: "idle" },
  connection: null,
  stats: null,
  localPreview: null,
  localMedia: null,
  remoteStream: null,
  remoteVersion: 0,
  remoteMedia: { audio: true, video: true, screen: false },
  recording: NO_RECORDING,
};
