import type { CallParty, CallSignal, CallView, UserEvent } from "@/server/services/realtime/events";
import type { useTRPCClient } from "@/trpc/client";
import { formErrors } from "../ui/form-errors";
import { failedText, isLive, outcomeText } from "./call-outcome";
import { callDeviceId } from "./device-id";
import { CallRecording } from "./call-recording";
import { IDLE_SNAPSHOT, type CallPhase, type CallSnapshot } from "./call-snapshot";
import type { ConnectionStats } from "./call-stats";
import { sendRecording } from "./send-recording";
import { LocalMedia, MediaUnavailableError, type TrackKind } from "./local-media";
import { PeerSession, type PeerSessionOptions, type SessionState } from "./peer-session";

export type Client = ReturnType<typeof useTRPCClient>;
type NegotiationSignal = Extract<CallSignal, { kind: "description" | "candidate" }>;
export type CallEvent = Extract<UserEvent, { type: "call.ringing" | "call.updated" | "call.signal" }>;

export const KEEP_ALIVE_MS = 20_000;
const ignore = () => undefined;

/** What the controller uses of this device's camera and microphone. */
export type CallMedia = Pick<
  LocalMedia,
  | "onChange"
  | "preview"
  | "state"
  | "audioTrack"
  | "setAudio"
  | "setVideo"
  | "useDevice"
  | "currentDeviceId"
  | "shareScreen"
  | "stopScreen"
  | "close"
>;
/** What the controller uses of the peer connection. */
export type CallSession = Pick<PeerSession, "receive" | "setIceServers" | "close">;

/** The browser parts of a call (the tab's device id, camera and microphone, WebRTC); unit tests pass doubles. */
export interface CallDevices<M extends CallMedia = CallMedia> {
  deviceId(): string;
  openMedia(): Promise<M>;
  connect(options: Omit<PeerSessionOptions, "media"> & { media: M }): CallSession;
}

const browserDevices: CallDevices<LocalMedia> = {
  deviceId: callDeviceId,
  openMedia: () => LocalMedia.open(),
  connect: (options) => new PeerSession(options),
};

/**
 * This tab's side of 1:1 calls (no React): the phase shown (incoming, outgoing, in the call, the outcome), the
 * server calls that move it on, the peer session once answered on this device, keep-alives and recording.
 */
export class CallController {
  private snap: CallSnapshot = IDLE_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private prepared: Promise<{ media: CallMedia }> | null = null;
  private iceRefresh: ReturnType<typeof setTimeout> | undefined;
  private media: CallMedia | null = null;
  private session: CallSession | null = null;
  private earlySignals: NegotiationSignal[] = [];
  private outgoingSignals: Promise<unknown> = Promise.resolve();
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private everConnected = false;
  private relayReported = false;
  /** Where a recording goes (kept after the call ends: the upload finishes later). */
  private lastConversationId: string | null = null;
  private readonly recorder: CallRecording;

  constructor(
    private readonly client: Client,
    private readonly meId: string,
    private readonly devices: CallDevices = browserDevices,
  ) {
    this.recorder = new CallRecording({
      send: (state) => this.send({ kind: "recording", state }),
      sources: () => ({ remote: this.snap.remoteStream, microphone: this.media?.audioTrack ?? null }),
      upload: (blob) => this.uploadRecording(blob),
      onChange: (recording) => this.update({ recording }),
    });
  }

  /** Read when needed (sessionStorage does not exist while the server renders). */
  private get deviceId() {
    return this.devices.deviceId();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  getSnapshot = () => this.snap;

  /** A tab opened while being rung shows the call; one reloaded mid-call on this device cannot resume it. */
  async restore() {
    const active = await this.client.calls.active.query().catch(() => null);
    if (!active || this.snap.phase.kind !== "idle") return;
    const { call, other } = active;
    const mine = (call.calleeId === this.meId ? call.calleeDeviceId : call.callerDeviceId) === this.deviceId;
    if (call.status === "ringing" && call.calleeId === this.meId)
      this.setPhase({ kind: "incoming", call, other, answering: false });
    // This tab was reloaded while calling or in the call (its peer connection is gone): end the call cleanly rather
    // than leave the other side ringing or waiting.
    else if (mine && call.status === "ringing") void this.client.calls.hangUp.mutate({ callId: call.id }).catch(ignore);
    else if (mine) void this.client.calls.fail.mutate({ callId: call.id }).catch(ignore);
  }

  handle(event: CallEvent) {
    if (event.type === "call.ringing") return this.onRinging(event.call, event.caller);
    if (event.type === "call.updated") return this.onUpdated(event.call);
    if (event.toDeviceId === this.deviceId && event.callId === this.currentCallId()) this.onSignal(event.signal);
  }

  async start(other: CallParty) {
    if (this.snap.phase.kind !== "idle" && this.snap.phase.kind !== "ended") return;
    this.reset();
    this.setPhase({ kind: "outgoing", call: null, other });
    this.prepare();
    let call: CallView;
    try {
      call = await this.client.calls.start.mutate({ calleeId: other.id, deviceId: this.deviceId });
    } catch (error) {
      return this.finish(other, formErrors(error).form ?? "The call couldn't be placed.", true);
    }
    const phase = this.currentPhase();
    if (phase.kind !== "outgoing" || phase.other.id !== other.id) {
      // Cancelled while the server was placing it.
      if (isLive(call.status)) void this.client.calls.hangUp.mutate({ callId: call.id }).catch(ignore);
      return;
    }
    this.onOwnCall(call, other);
  }

  async accept() {
    const phase = this.snap.phase;
    if (phase.kind !== "incoming" || phase.answering) return;
    this.setPhase({ ...phase, answering: true });
    this.prepare();
    try {
      await this.prepared;
      this.enterCall(
        await this.client.calls.accept.mutate({ callId: phase.call.id, deviceId: this.deviceId }),
        phase.other,
      );
    } catch (error) {
      if (this.snap.phase.kind === "incoming") {
        void this.client.calls.decline.mutate({ callId: phase.call.id }).catch(ignore);
        this.finish(phase.other, error instanceof MediaUnavailableError ? error.message : "This call has ended.", true);
      }
    }
  }

  decline() {
    const phase = this.snap.phase;
    if (phase.kind !== "incoming") return;
    void this.client.calls.decline.mutate({ callId: phase.call.id }).catch(ignore);
    this.reset();
  }

  /** Cancels a call still ringing, ends one in progress, or closes an outcome. */
  hangUp() {
    const phase = this.snap.phase;
    if (phase.kind === "incoming") return this.decline();
    if (phase.kind === "outgoing" && phase.call)
      void this.client.calls.hangUp.mutate({ callId: phase.call.id }).catch(ignore);
    if (phase.kind !== "in-call") return this.reset();
    this.finish(phase.other, "Call ended", false);
    // The server's answer has the duration on its clock.
    void this.client.calls.hangUp
      .mutate({ callId: phase.call.id })
      .then((call) => {
        const now = this.snap.phase;
        if (now.kind === "ended" && now.other.id === phase.other.id)
          this.update({ phase: { ...now, outcome: outcomeText(call, phase.other) } });
      })
      .catch(ignore);
  }

  dismiss() {
    if (this.snap.phase.kind === "ended") this.setPhase({ kind: "idle" });
  }

  setAudio(on: boolean) {
    this.media?.setAudio(on);
  }
  setVideo(on: boolean) {
    this.media?.setVideo(on);
  }
  async useDevice(kind: TrackKind, deviceId: string) {
    await this.media?.useDevice(kind, deviceId);
  }
  currentDeviceId(kind: TrackKind) {
    return this.media?.currentDeviceId(kind);
  }
  async shareScreen(on: boolean) {
    if (on) await this.media?.shareScreen();
    else this.media?.stopScreen();
  }
  record(on: boolean) {
    if (on) this.recorder.request();
    else void this.recorder.stop();
  }
  acknowledgeRecording() {
    this.recorder.acknowledge();
  }

  dispose() {
    this.teardown();
    this.listeners.clear();
  }

  // ---------------------------------------------------------------- events

  private onRinging(call: CallView, caller: CallParty) {
    // Busy on this tab: the server tells the caller; a call crossing ours is settled by start's answer.
    if (this.snap.phase.kind === "idle" || this.snap.phase.kind === "ended")
      this.setPhase({ kind: "incoming", call, other: caller, answering: false });
  }

  private onUpdated(call: CallView) {
    const phase = this.snap.phase;
    if (phase.kind === "incoming" && phase.call.id === call.id) {
      // Answered here: accept() carries on. Answered on another device, cancelled or missed: stop ringing.
      if (call.status === "ringing" || (call.status === "accepted" && call.calleeDeviceId === this.deviceId)) return;
      this.reset();
    } else if (phase.kind === "outgoing" && phase.call?.id === call.id) {
      this.onOwnCall(call, phase.other);
    } else if (phase.kind === "in-call" && phase.call.id === call.id && !isLive(call.status)) {
      // The other device may have given up first: its failure reaches here as the server's update.
      this.finish(phase.other, outcomeText(call, phase.other, this.everConnected), call.status === "failed");
    }
  }

  /** The state of a call placed from this tab (from start's answer or a later update). */
  private onOwnCall(call: CallView, other: CallParty) {
    if (call.status === "ringing") this.setPhase({ kind: "outgoing", call, other });
    else if (call.status === "accepted") this.enterCall(call, other);
    else this.finish(other, outcomeText(call, other), call.status === "failed");
  }

  private onSignal(signal: CallSignal) {
    if (signal.kind === "media")
      this.update({ remoteMedia: { audio: signal.audio, video: signal.video, screen: signal.screen } });
    else if (signal.kind === "recording") this.recorder.onSignal(signal.state);
    else if (this.session) this.session.receive(signal);
    else this.earlySignals.push(signal); // the offer can come before this tab has its media and connection ready
  }

  // ---------------------------------------------------------------- the call on this device

  /** Camera and microphone, asked for as soon as the call is placed or answered. */
  private prepare() {
    if (this.prepared) return;
    const prepared = this.devices.openMedia().then((media) => ({ media }));
    this.prepared = prepared;
    prepared.then(
      ({ media }) => {
        if (this.prepared !== prepared) return media.close(); // the call is already over
        this.media = media;
        media.onChange = () => {
          this.update({ localPreview: media.preview, localMedia: media.state });
          if (this.session) this.send({ kind: "media", ...media.state });
        };
        this.update({ localPreview: media.preview, localMedia: media.state });
      },
      (error: unknown) => {
        if (this.prepared !== prepared) return;
        const phase = this.snap.phase;
        const message = error instanceof MediaUnavailableError ? error.message : "The call couldn't be set up.";
        if (phase.kind === "outgoing" || phase.kind === "in-call") {
          if (phase.call) void this.client.calls.hangUp.mutate({ callId: phase.call.id }).catch(ignore);
          this.finish(phase.other, message, true);
        }
      },
    );
  }

  private enterCall(call: CallView, other: CallParty) {
    const phase = this.snap.phase;
    if (phase.kind === "in-call" && phase.call.id === call.id) return;
    this.setPhase({ kind: "in-call", call, other });
    this.update({ connection: "connecting" });
    this.keepAlive = setInterval(
      () => void this.client.calls.keepAlive.mutate({ callId: call.id }).catch(ignore),
      KEEP_ALIVE_MS,
    );
    void this.startSession(call);
  }

  private async startSession(call: CallView) {
    const prepared = this.prepared;
    const ready = await prepared?.catch(() => null);
    if (!ready || this.prepared !== prepared || this.currentCallId() !== call.id) return;
    // TURN credentials are handed out for this call only, now that it is on (calls.iceServers).
    const ice = await this.client.calls.iceServers.query({ callId: call.id }).catch(() => null);
    if (this.prepared !== prepared || this.currentCallId() !== call.id) return;
    if (!ice) {
      const phase = this.snap.phase;
      if (phase.kind === "in-call") {
        void this.client.calls.hangUp.mutate({ callId: call.id }).catch(ignore);
        this.finish(phase.other, "The call couldn't be set up.", true);
      }
      return;
    }
    const { media } = ready;
    this.session = this.devices.connect({
      iceServers: ice.iceServers,
      iceTransportPolicy: ice.iceTransportPolicy,
      polite: call.calleeId === this.meId,
      media,
      sendSignal: (signal) => this.send(signal),
      onState: (state) => this.onSessionState(call, state),
      onRemoteStream: (remoteStream) => this.update({ remoteStream, remoteVersion: this.snap.remoteVersion + 1 }),
      onStats: (stats) => this.onStats(call, stats),
    });
    for (const signal of this.earlySignals.splice(0)) this.session.receive(signal);
    this.send({ kind: "media", ...media.state });
    this.refreshIceBefore(call, ice.expiresAt);
  }

  /** Fresh TURN credentials a minute before these expire, for ICE restarts later in a long call. */
  private refreshIceBefore(call: CallView, expiresAt: number) {
    clearTimeout(this.iceRefresh);
    const due = Math.max(10_000, expiresAt * 1000 - Date.now() - 60_000);
    this.iceRefresh = setTimeout(() => {
      void this.client.calls.iceServers.query({ callId: call.id }).then(
        (ice) => {
          if (!this.session || this.currentCallId() !== call.id) return;
          this.session.setIceServers(ice.iceServers);
          this.refreshIceBefore(call, ice.expiresAt);
        },
        () => undefined,
      );
    }, due);
  }

  private onSessionState(call: CallView, state: SessionState) {
    if (state === "connected") this.everConnected = true;
    this.update({ connection: state });
    const phase = this.snap.phase;
    if (state === "failed" && phase.kind === "in-call") {
      void this.client.calls.fail.mutate({ callId: call.id }).catch(ignore);
      this.finish(phase.other, failedText(this.everConnected), true);
    }
  }

  private onStats(call: CallView, stats: ConnectionStats) {
    this.update({ stats });
    // The caller reports (once) whether the media goes through the relay, for the call history.
    if (!this.relayReported && call.callerId === this.meId) {
      this.relayReported = true;
      void this.client.calls.reportConnection.mutate({ callId: call.id, relayed: stats.relayed }).catch(ignore);
    }
  }

  /** Signals go out one at a time, so the other device gets them in the order they were made. */
  private send(signal: CallSignal) {
    const callId = this.currentCallId();
    if (!callId || this.snap.phase.kind !== "in-call") return;
    this.outgoingSignals = this.outgoingSignals
      .then(() => this.client.calls.signal.mutate({ callId, deviceId: this.deviceId, signal }))
      .catch(ignore);
  }

  private async uploadRecording(blob: Blob) {
    if (this.lastConversationId) await sendRecording(this.client, this.lastConversationId, blob);
  }

  /** (A method, so TypeScript does not carry a narrowing of the phase across an await.) */
  private currentPhase(): CallPhase {
    return this.snap.phase;
  }

  private currentCallId(): string | null {
    const phase = this.snap.phase;
    return phase.kind === "incoming" || phase.kind === "in-call" || phase.kind === "outgoing"
      ? (phase.call?.id ?? null)
      : null;
  }

  // ---------------------------------------------------------------- state

  private finish(other: CallParty, outcome: string, failed: boolean) {
    this.teardown();
    this.snap = { ...IDLE_SNAPSHOT, phase: { kind: "ended", other, outcome, failed }, recording: this.snap.recording };
    this.emit();
  }

  private reset() {
    this.teardown();
    this.snap = { ...IDLE_SNAPSHOT, recording: this.snap.recording };
    this.emit();
  }

  /** Everything of the current call on this device stops (a recording still uploads). */
  private teardown() {
    void this.recorder.end();
    clearInterval(this.keepAlive);
    clearTimeout(this.iceRefresh);
    this.session?.close();
    this.session = null;
    this.media?.close();
    this.media = null;
    this.prepared = null;
    this.earlySignals = [];
    this.everConnected = false;
    this.relayReported = false;
  }

  private setPhase(phase: CallPhase) {
    if (phase.kind === "in-call") this.lastConversationId = phase.call.conversationId;
    this.update({ phase });
  }

  private update(patch: Partial<CallSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
