import type { CallSignal } from "@/server/services/realtime/events";
import { StatsReader, type ConnectionStats } from "./call-stats";
import type { LocalMedia, TrackKind } from "./local-media";

export type SessionState = "connecting" | "connected" | "reconnecting" | "failed" | "closed";
type NegotiationSignal = Extract<CallSignal, { kind: "description" | "candidate" }>;

export interface PeerSessionOptions {
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  /** The callee: yields when both sides offer at once (perfect negotiation). The caller makes the first offer. */
  polite: boolean;
  media: LocalMedia;
  sendSignal: (signal: NegotiationSignal) => void;
  onState: (state: SessionState) => void;
  onRemoteStream: (stream: MediaStream) => void;
  onStats: (stats: ConnectionStats) => void;
}

/** Media must flow within this long of starting; a rejected TURN credential otherwise leaves the connection "new" forever. */
export const CONNECT_TIMEOUT_MS = 20_000;
/** A dropped connection must come back within this long. */
export const RECONNECT_TIMEOUT_MS = 15_000;
/** "disconnected" often heals by itself: wait this long before restarting ICE. */
const DISCONNECT_GRACE_MS = 3_000;
const STATS_EVERY_MS = 2_000;
const EXPOSE_FLAG = "hearth:expose-call";

/**
 * One WebRTC peer connection for a 1:1 call: perfect negotiation over the server's signal relay, trickle ICE,
 * ICE restarts (by the caller) when the path drops, a watchdog that gives up when media does not (re)connect in
 * time, and a stats poller (relay or direct, round trip, loss). No React here.
 */
export class PeerSession {
  private readonly pc: RTCPeerConnection;
  private readonly options: PeerSessionOptions;
  private readonly senders = new Map<TrackKind, RTCRtpSender>();
  private readonly remoteStream = new MediaStream();
  private readonly stats = new StatsReader();
  private state: SessionState = "connecting";
  private makingOffer = false;
  private ignoreOffer = false;
  private negotiated = false;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private incoming: Promise<void> = Promise.resolve();
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval>;

  constructor(options: PeerSessionOptions) {
    this.options = options;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers, iceTransportPolicy: options.iceTransportPolicy });
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate) {
        const { sdpMid, sdpMLineIndex, usernameFragment } = candidate;
        options.sendSignal({
          kind: "candidate",
          candidate: { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment },
        });
      }
    };
    this.pc.onnegotiationneeded = () => void this.makeOffer();
    this.pc.oniceconnectionstatechange = () => this.onIceState();
    this.pc.ontrack = ({ track }) => {
      this.remoteStream.addTrack(track);
      options.onRemoteStream(this.remoteStream);
    };
    for (const track of options.media.sendTracks()) this.senders.set(track.kind as TrackKind, this.pc.addTrack(track));
    options.media.onSendTrack = (kind, track) => void this.sendTrack(kind, track);
    this.statsTimer = setInterval(() => void this.pollStats(), STATS_EVERY_MS);
    this.armWatchdog(CONNECT_TIMEOUT_MS);
    // For the browser tests only: a flag in localStorage lets them read getStats() of the live connection.
    if (localStorage.getItem(EXPOSE_FLAG) === "1")
      (window as { __hearthCall?: unknown }).__hearthCall = { pc: this.pc };
  }

  get current(): SessionState {
    return this.state;
  }

  /** An SDP description or ICE candidate from the other device, handled strictly in arrival order. */
  receive(signal: NegotiationSignal) {
    this.incoming = this.incoming
      .then(() =>
        signal.kind === "description" ? this.onDescription(signal.description) : this.onCandidate(signal.candidate),
      )
      .catch((error: unknown) => console.warn("call signal", error));
  }

  /** New ICE servers (fresh TURN credentials) for candidates gathered from now on, e.g. in an ICE restart. */
  setIceServers(iceServers: RTCIceServer[]) {
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
  }

  close() {
    if (this.state === "closed") return;
    this.setState("closed");
    this.stopTimers();
    this.pc.close();
    if ((window as { __hearthCall?: { pc: RTCPeerConnection } }).__hearthCall?.pc === this.pc)
      delete (window as { __hearthCall?: unknown }).__hearthCall;
  }

  private async makeOffer() {
    // The caller opens the negotiation; the callee only renegotiates once the first exchange is done.
    if (this.options.polite && !this.negotiated) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendDescription();
    } catch (error) {
      console.warn("call offer", error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async onDescription(description: RTCSessionDescriptionInit) {
    const collision = description.type === "offer" && (this.makingOffer || this.pc.signalingState !== "stable");
    this.ignoreOffer = !this.options.polite && collision;
    if (this.ignoreOffer || this.state === "closed") return;
    await this.pc.setRemoteDescription(description); // rolls back our own offer first when polite and colliding
    if (description.type === "offer") {
      await this.pc.setLocalDescription();
      this.sendDescription();
    }
    this.negotiated = true;
    const buffered = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of buffered) await this.addCandidate(candidate);
  }

  private async onCandidate(candidate: RTCIceCandidateInit) {
    // Candidates can only be applied once the description they belong to is.
    if (!this.pc.remoteDescription) this.pendingCandidates.push(candidate);
    else await this.addCandidate(candidate);
  }

  private async addCandidate(candidate: RTCIceCandidateInit) {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.ignoreOffer) throw error;
    }
  }

  private sendDescription() {
    const local = this.pc.localDescription;
    if (local && (local.type === "offer" || local.type === "answer"))
      this.options.sendSignal({ kind: "description", description: { type: local.type, sdp: local.sdp } });
  }

  private async sendTrack(kind: TrackKind, track: MediaStreamTrack) {
    const sender = this.senders.get(kind);
    if (sender) await sender.replaceTrack(track);
    else this.senders.set(kind, this.pc.addTrack(track)); // a kind we had no device for: renegotiates
  }

  private onIceState() {
    const ice = this.pc.iceConnectionState;
    if (this.state === "closed" || this.state === "failed") return;
    if (ice === "connected" || ice === "completed") {
      clearTimeout(this.graceTimer);
      this.clearWatchdog();
      this.setState("connected");
    } else if (ice === "disconnected" || ice === "failed") {
      if (this.state === "connected") {
        this.setState("reconnecting");
        this.armWatchdog(RECONNECT_TIMEOUT_MS);
      }
      clearTimeout(this.graceTimer);
      if (ice === "failed") this.restartIce();
      else
        this.graceTimer = setTimeout(
          () => this.pc.iceConnectionState === "disconnected" && this.restartIce(),
          DISCONNECT_GRACE_MS,
        );
    }
  }

  /** The caller restarts ICE (new credentials, fresh candidates); restartIce triggers negotiationneeded → offer. */
  private restartIce() {
    if (!this.options.polite && this.state !== "closed") this.pc.restartIce();
  }

  private armWatchdog(ms: number) {
    this.clearWatchdog();
    this.watchdog = setTimeout(() => {
      if (this.state === "connected" || this.state === "closed") return;
      this.setState("failed");
      this.stopTimers();
      this.pc.close();
    }, ms);
  }

  private clearWatchdog() {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private stopTimers() {
    this.clearWatchdog();
    clearTimeout(this.graceTimer);
    clearInterval(this.statsTimer);
  }

  private async pollStats() {
    if (this.state !== "connected" && this.state !== "reconnecting") return;
    const stats = await this.stats.sample(this.pc).catch(() => null);
    if (stats && this.current !== "closed") this.options.onStats(stats);
  }

  private setState(state: SessionState) {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }
}
