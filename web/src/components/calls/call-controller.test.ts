import { TRPCClientError } from "@trpc/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CallParty, CallSignal, CallView } from "@/server/services/realtime/events";
import {
  CallController,
  KEEP_ALIVE_MS,
  type CallDevices,
  type CallMedia,
  type CallSession,
  type Client,
} from "./call-controller";
import type { ConnectionStats } from "./call-stats";
import { MediaUnavailableError, type MediaState } from "./local-media";
import type { PeerSessionOptions } from "./peer-session";

const ME = "me";
const MY_DEVICE = "tab-mine";
const ada: CallParty = { id: "ada", username: "ada", displayName: "Ada", avatarUrl: null };

const call = (extra: Partial<CallView> = {}): CallView => ({
  id: "call-1",
  conversationId: "conversation-1",
  status: "ringing",
  callerId: ME,
  calleeId: ada.id,
  callerDeviceId: MY_DEVICE,
  calleeDeviceId: null,
  missedReason: null,
  createdAt: "2026-01-01T10:00:00.000Z",
  acceptedAt: null,
  endedAt: null,
  endedById: null,
  durationSeconds: 0,
  ...extra,
});
/** Ada calls me. */
const incoming = (extra: Partial<CallView> = {}) =>
  call({ callerId: ada.id, calleeId: ME, callerDeviceId: "tab-ada", ...extra });

const PROCEDURES = [
  "active",
  "start",
  "accept",
  "decline",
  "hangUp",
  "fail",
  "keepAlive",
  "iceServers",
  "signal",
  "reportConnection",
] as const;
type Procedure = (typeof PROCEDURES)[number];
const ICE = {
  iceServers: [{ urls: "turn:turn.test:3478", username: "u", credential: "c" }],
  iceTransportPolicy: "relay" as const,
  expiresAt: 0,
};

/**
 * A test double of the tRPC client's `calls` router: it records every query and mutation and answers with what the
 * test set (procedures without an answer reject, as a server that is down would).
 */
class FakeServer {
  readonly requests: { procedure: Procedure; input: unknown }[] = [];
  private readonly answers = new Map<Procedure, (input: never) => unknown>();

  constructor() {
    const ended = (input: { callId: string }) => call({ id: input.callId, status: "ended" });
    this.answer("decline", (input: { callId: string }) => call({ id: input.callId, status: "declined" }));
    this.answer("hangUp", ended);
    this.answer("fail", (input: { callId: string }) => call({ id: input.callId, status: "failed" }));
    this.answer("keepAlive", () => ({ live: true }));
    this.answer("signal", () => ({ ok: true }));
    this.answer("reportConnection", () => undefined);
    this.answer("iceServers", () => ICE);
  }

  answer<I>(procedure: Procedure, answer: (input: I) => unknown) {
    this.answers.set(procedure, answer as (input: never) => unknown);
  }

  inputsOf(procedure: Procedure): unknown[] {
    return this.requests.filter((r) => r.procedure === procedure).map((r) => r.input);
  }

  client(): Client {
    const endpoint = (procedure: Procedure) => async (input: never) => {
      this.requests.push({ procedure, input });
      const answer = this.answers.get(procedure);
      if (!answer) throw new TRPCClientError(`${procedure} is not answering`);
      return answer(input);
    };
    const calls = Object.fromEntries(PROCEDURES.map((p) => [p, { query: endpoint(p), mutate: endpoint(p) }]));
    // The controller reaches the server only through client.calls.*; the double has exactly those.
    return { calls } as unknown as Client;
  }
}

class FakeMedia implements CallMedia {
  onChange: () => void = () => undefined;
  readonly preview = { id: "preview" } as unknown as MediaStream;
  readonly audioTrack = null;
  state: MediaState = { audio: true, video: true, screen: false };
  closed = false;
  setAudio(on: boolean) {
    this.state = { ...this.state, audio: on };
    this.onChange();
  }
  setVideo(on: boolean) {
    this.state = { ...this.state, video: on };
    this.onChange();
  }
  async useDevice() {}
  currentDeviceId() {
    return undefined;
  }
  async shareScreen() {}
  stopScreen() {}
  close() {
    this.closed = true;
  }
}

type NegotiationSignal = Extract<CallSignal, { kind: "description" | "candidate" }>;

class FakeSession implements CallSession {
  readonly received: NegotiationSignal[] = [];
  iceServers: RTCIceServer[];
  closed = false;
  constructor(readonly options: Omit<PeerSessionOptions, "media"> & { media: FakeMedia }) {
    this.iceServers = options.iceServers;
  }
  receive(signal: NegotiationSignal) {
    this.received.push(signal);
  }
  setIceServers(iceServers: RTCIceServer[]) {
    this.iceServers = iceServers;
  }
  close() {
    this.closed = true;
  }
}

class FakeDevices implements CallDevices<FakeMedia> {
  readonly media: FakeMedia[] = [];
  readonly sessions: FakeSession[] = [];
  /** Replace to refuse the camera or to hold the answer. */
  openMedia = async () => this.newMedia();
  deviceId = () => MY_DEVICE;
  connect = (options: Omit<PeerSessionOptions, "media"> & { media: FakeMedia }) => {
    const session = new FakeSession(options);
    this.sessions.push(session);
    return session;
  };
  newMedia() {
    const media = new FakeMedia();
    this.media.push(media);
    return media;
  }
  get session(): FakeSession {
    const session = this.sessions.at(-1);
    if (!session) throw new Error("no peer session was made");
    return session;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every pending promise chain (server answers, media, the session start) run to its end. */
const settle = async () => {
  for (let i = 0; i < 30; i++) await Promise.resolve();
};

let server: FakeServer;
let devices: FakeDevices;
let controller: CallController;
const phase = () => controller.getSnapshot().phase;

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeServer();
  devices = new FakeDevices();
  controller = new CallController(server.client(), ME, devices);
});
afterEach(() => {
  controller.dispose();
  vi.useRealTimers();
});

/** Places a call to Ada and lets the server answer that it rings. */
async function placeCall() {
  server.answer("start", () => call());
  void controller.start(ada);
  await settle();
  expect(phase()).toEqual({ kind: "outgoing", call: call(), other: ada });
}

/** Places a call that Ada answers, up to the peer session on this device. */
async function inCallAsCaller() {
  await placeCall();
  controller.handle({ type: "call.updated", call: call({ status: "accepted", calleeDeviceId: "tab-ada" }) });
  await settle();
  return devices.session;
}

describe("CallController: placing a call", () => {
  it("shows the call as being placed at once, asks for the camera, then rings with the server's call", async () => {
    const placing = deferred<CallView>();
    server.answer("start", () => placing.promise);
    const changes = vi.fn();
    controller.subscribe(changes);

    void controller.start(ada);
    expect(phase()).toEqual({ kind: "outgoing", call: null, other: ada });
    expect(changes).toHaveBeenCalled();
    await settle();
    expect(devices.media).toHaveLength(1);
    expect(server.inputsOf("start")).toEqual([{ calleeId: ada.id, deviceId: MY_DEVICE }]);

    placing.resolve(call());
    await settle();
    expect(phase()).toEqual({ kind: "outgoing", call: call(), other: ada });
    expect(controller.getSnapshot().localPreview).toBe(devices.media[0]!.preview);
  });

  it("enters the call when Ada answers: a peer session (the caller offers: not polite) with this call's TURN servers, and my media state sent", async () => {
    const session = await inCallAsCaller();
    expect(phase()).toMatchObject({ kind: "in-call", other: ada, call: { id: "call-1", status: "accepted" } });
    expect(controller.getSnapshot().connection).toBe("connecting");
    expect(server.inputsOf("iceServers")).toEqual([{ callId: "call-1" }]);
    expect(session.options).toMatchObject({
      polite: false,
      iceServers: ICE.iceServers,
      iceTransportPolicy: "relay",
      media: devices.media[0],
    });
    expect(server.inputsOf("signal")).toEqual([
      { callId: "call-1", deviceId: MY_DEVICE, signal: { kind: "media", audio: true, video: true, screen: false } },
    ]);

    session.options.onState("connected");
    expect(controller.getSnapshot().connection).toBe("connected");
  });

  it.each([
    ["declined", call({ status: "declined" }), "Ada declined", false],
    ["not answered in time (the server's ring timeout)", call({ status: "missed" }), "No answer", false],
    [
      "not rung at all (Ada is offline)",
      call({ status: "missed", missedReason: "offline" }),
      "Ada isn't available right now",
      false,
    ],
    ["refused because Ada is in another call", call({ status: "busy" }), "Ada is in another call", false],
  ])("ends with the outcome when the call is %s, and lets the camera go", async (_label, update, outcome, failed) => {
    await placeCall();
    controller.handle({ type: "call.updated", call: update });
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome, failed });
    expect(devices.media[0]!.closed).toBe(true);
    expect(devices.sessions).toEqual([]);

    controller.dismiss();
    expect(phase()).toEqual({ kind: "idle" });
  });

  it("ends with the server's reason when the call cannot be placed, and with a general one when the server cannot be reached", async () => {
    server.answer("start", () => Promise.reject(new TRPCClientError("Ada isn't taking calls from you.")));
    await controller.start(ada);
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome: "Ada isn't taking calls from you.", failed: true });

    server.answer("start", () => Promise.reject(new TypeError("fetch failed")));
    await controller.start(ada);
    expect(phase()).toEqual({
      kind: "ended",
      other: ada,
      outcome: "Something went wrong. Check your connection and try again.",
      failed: true,
    });
    expect(devices.media.every((m) => m.closed)).toBe(true);
  });

  it("cancels a ringing call: tells the server and goes back to idle", async () => {
    await placeCall();
    controller.hangUp();
    expect(phase()).toEqual({ kind: "idle" });
    expect(server.inputsOf("hangUp")).toEqual([{ callId: "call-1" }]);
    expect(devices.media[0]!.closed).toBe(true);
  });

  it("hangs up a call cancelled while the server was still placing it, once the server answers", async () => {
    const placing = deferred<CallView>();
    server.answer("start", () => placing.promise);
    void controller.start(ada);
    controller.hangUp();
    expect(phase()).toEqual({ kind: "idle" });
    expect(server.inputsOf("hangUp")).toEqual([]);

    placing.resolve(call());
    await settle();
    expect(server.inputsOf("hangUp")).toEqual([{ callId: "call-1" }]);
    expect(phase()).toEqual({ kind: "idle" });
  });

  it("ends with the camera's reason and hangs up when neither camera nor microphone can be used", async () => {
    devices.openMedia = () =>
      Promise.reject(new MediaUnavailableError("Hearth couldn't use your camera or microphone."));
    const placing = deferred<CallView>();
    server.answer("start", () => placing.promise);
    void controller.start(ada);
    placing.resolve(call());
    await settle();
    expect(phase()).toEqual({
      kind: "ended",
      other: ada,
      outcome: "Hearth couldn't use your camera or microphone.",
      failed: true,
    });
    expect(server.inputsOf("hangUp")).toEqual([{ callId: "call-1" }]);
  });

  it("does not place a second call while one is on", async () => {
    await placeCall();
    await controller.start({ ...ada, id: "bob", displayName: "Bob" });
    expect(server.inputsOf("start")).toHaveLength(1);
    expect(phase()).toMatchObject({ kind: "outgoing", other: ada });
  });
});

describe("CallController: being called", () => {
  const ringing = () => controller.handle({ type: "call.ringing", call: incoming(), caller: ada });

  it("rings, and accepting answers on this device and starts a polite peer session", async () => {
    ringing();
    expect(phase()).toEqual({ kind: "incoming", call: incoming(), other: ada, answering: false });

    const answering = deferred<CallView>();
    server.answer("accept", () => answering.promise);
    void controller.accept();
    expect(phase()).toMatchObject({ kind: "incoming", answering: true });
    await settle();
    expect(server.inputsOf("accept")).toEqual([{ callId: "call-1", deviceId: MY_DEVICE }]);

    // The caller's offer can arrive before this device has its peer session: it is kept and handed over.
    const offer: NegotiationSignal = { kind: "description", description: { type: "offer", sdp: "v=0" } };
    controller.handle({
      type: "call.signal",
      callId: "call-1",
      fromUserId: ada.id,
      toDeviceId: MY_DEVICE,
      signal: offer,
    });
    answering.resolve(incoming({ status: "accepted", calleeDeviceId: MY_DEVICE }));
    await settle();
    expect(phase()).toMatchObject({ kind: "in-call", other: ada });
    expect(devices.session.options.polite).toBe(true);
    expect(devices.session.received).toEqual([offer]);
  });

  it("declining tells the server and stops ringing", () => {
    ringing();
    controller.decline();
    expect(phase()).toEqual({ kind: "idle" });
    expect(server.inputsOf("decline")).toEqual([{ callId: "call-1" }]);
    expect(devices.media).toEqual([]);
  });

  it("hang-up while ringing declines", () => {
    ringing();
    controller.hangUp();
    expect(server.inputsOf("decline")).toEqual([{ callId: "call-1" }]);
    expect(phase()).toEqual({ kind: "idle" });
  });

  it.each([
    ["answered on my other device", incoming({ status: "accepted", calleeDeviceId: "tab-other" })],
    ["cancelled by Ada", incoming({ status: "cancelled" })],
    ["missed (nobody answered in time)", incoming({ status: "missed" })],
  ])("stops ringing when the call is %s", (_label, update) => {
    ringing();
    controller.handle({ type: "call.updated", call: update });
    expect(phase()).toEqual({ kind: "idle" });
  });

  it("keeps ringing for updates about other calls, and while answering here", () => {
    ringing();
    controller.handle({ type: "call.updated", call: incoming({ id: "call-2", status: "cancelled" }) });
    controller.handle({ type: "call.updated", call: incoming({ status: "accepted", calleeDeviceId: MY_DEVICE }) });
    expect(phase()).toMatchObject({ kind: "incoming", call: { id: "call-1" } });
  });

  it("ignores a second call ringing while this tab is in a call (the server tells that caller I'm busy)", async () => {
    await placeCall();
    controller.handle({ type: "call.ringing", call: incoming({ id: "call-2" }), caller: { ...ada, id: "bob" } });
    expect(phase()).toMatchObject({ kind: "outgoing", call: { id: "call-1" } });
  });

  it("says the call has ended, and declines, when accepting fails (the caller gave up meanwhile)", async () => {
    ringing();
    server.answer("accept", () => Promise.reject(new TRPCClientError("This call has ended.")));
    await controller.accept();
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome: "This call has ended.", failed: true });
    expect(server.inputsOf("decline")).toEqual([{ callId: "call-1" }]);
  });

  it("says why, and declines, when the camera and microphone cannot be used", async () => {
    ringing();
    devices.openMedia = () =>
      Promise.reject(new MediaUnavailableError("Hearth couldn't use your camera or microphone."));
    server.answer("accept", () => incoming({ status: "accepted", calleeDeviceId: MY_DEVICE }));
    await controller.accept();
    expect(server.inputsOf("accept")).toEqual([]);
    expect(server.inputsOf("decline")).toEqual([{ callId: "call-1" }]);
    expect(phase()).toEqual({
      kind: "ended",
      other: ada,
      outcome: "Hearth couldn't use your camera or microphone.",
      failed: true,
    });
  });
});

describe("CallController: in a call", () => {
  it("hanging up ends the call at once, then shows the duration the server measured", async () => {
    const session = await inCallAsCaller();
    const ending = deferred<CallView>();
    server.answer("hangUp", () => ending.promise);
    controller.hangUp();
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome: "Call ended", failed: false });
    expect(session.closed).toBe(true);
    expect(devices.media[0]!.closed).toBe(true);

    ending.resolve(call({ status: "ended", durationSeconds: 65 }));
    await settle();
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome: "Call ended · 1:05", failed: false });
  });

  it("ends when Ada hangs up", async () => {
    const session = await inCallAsCaller();
    controller.handle({ type: "call.updated", call: call({ status: "ended", durationSeconds: 3 }) });
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome: "Call ended · 0:03", failed: false });
    expect(session.closed).toBe(true);
  });

  it.each([
    ["never connected (the peer session's connect timeout)", false, "Call failed — couldn't connect"],
    ["connected, then lost and not back in time", true, "Call failed — the connection was lost"],
  ])("reports a failed connection that %s to the server and says so", async (_label, connectedFirst, outcome) => {
    const session = await inCallAsCaller();
    if (connectedFirst) session.options.onState("connected");
    session.options.onState("failed");
    expect(server.inputsOf("fail")).toEqual([{ callId: "call-1" }]);
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome, failed: true });
  });

  it("says the call failed when Ada's device gave up first", async () => {
    await inCallAsCaller();
    controller.handle({ type: "call.updated", call: call({ status: "failed" }) });
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome: "Call failed — couldn't connect", failed: true });
  });

  it("hangs up when the call's TURN servers cannot be had", async () => {
    server.answer("iceServers", () => Promise.reject(new TRPCClientError("Not found")));
    await inCallAsCaller().catch(() => undefined);
    expect(devices.sessions).toEqual([]);
    expect(server.inputsOf("hangUp")).toEqual([{ callId: "call-1" }]);
    expect(phase()).toEqual({ kind: "ended", other: ada, outcome: "The call couldn't be set up.", failed: true });
  });

  it("keeps the call alive on the server while it lasts, and stops when it ends", async () => {
    await inCallAsCaller();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 2);
    expect(server.inputsOf("keepAlive")).toEqual([{ callId: "call-1" }, { callId: "call-1" }]);
    controller.hangUp();
    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
    expect(server.inputsOf("keepAlive")).toHaveLength(2);
  });

  it("fetches fresh TURN credentials before these expire and hands them to the session", async () => {
    const fresh = [{ urls: "turn:turn.test:3478", username: "u2", credential: "c2" }];
    server.answer("iceServers", () => ({ ...ICE, expiresAt: Math.floor(Date.now() / 1000) + 600 }));
    const session = await inCallAsCaller();
    server.answer("iceServers", () => ({ ...ICE, iceServers: fresh, expiresAt: Math.floor(Date.now() / 1000) + 1200 }));
    await vi.advanceTimersByTimeAsync(540_000);
    expect(server.inputsOf("iceServers")).toHaveLength(2);
    expect(session.iceServers).toEqual(fresh);
  });

  it("passes on negotiation signals for this device and call only, and shows Ada's media state", async () => {
    const session = await inCallAsCaller();
    const answer: NegotiationSignal = { kind: "description", description: { type: "answer", sdp: "v=0" } };
    controller.handle({
      type: "call.signal",
      callId: "call-1",
      fromUserId: ada.id,
      toDeviceId: "tab-other",
      signal: answer,
    });
    controller.handle({
      type: "call.signal",
      callId: "call-2",
      fromUserId: ada.id,
      toDeviceId: MY_DEVICE,
      signal: answer,
    });
    expect(session.received).toEqual([]);
    controller.handle({
      type: "call.signal",
      callId: "call-1",
      fromUserId: ada.id,
      toDeviceId: MY_DEVICE,
      signal: answer,
    });
    expect(session.received).toEqual([answer]);

    controller.handle({
      type: "call.signal",
      callId: "call-1",
      fromUserId: ada.id,
      toDeviceId: MY_DEVICE,
      signal: { kind: "media", audio: false, video: true, screen: true },
    });
    expect(controller.getSnapshot().remoteMedia).toEqual({ audio: false, video: true, screen: true });
  });

  it("sends my signals in order, including a media change, only while the call is on", async () => {
    const session = await inCallAsCaller();
    const candidate: NegotiationSignal = {
      kind: "candidate",
      candidate: {
        candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ relay",
        sdpMid: "0",
        sdpMLineIndex: 0,
        usernameFragment: null,
      },
    };
    session.options.sendSignal(candidate);
    controller.setAudio(false);
    await settle();
    expect(server.inputsOf("signal").map((input) => (input as { signal: CallSignal }).signal)).toEqual([
      { kind: "media", audio: true, video: true, screen: false },
      candidate,
      { kind: "media", audio: false, video: true, screen: false },
    ]);
    expect(controller.getSnapshot().localMedia).toEqual({ audio: false, video: true, screen: false });

    controller.hangUp();
    session.options.sendSignal(candidate);
    await settle();
    expect(server.inputsOf("signal")).toHaveLength(3);
  });

  it("as the caller, reports once whether the media is relayed", async () => {
    const session = await inCallAsCaller();
    const stats = { relayed: true } as ConnectionStats;
    session.options.onStats(stats);
    session.options.onStats({ ...stats, relayed: false });
    expect(server.inputsOf("reportConnection")).toEqual([{ callId: "call-1", relayed: true }]);
    expect(controller.getSnapshot().stats).toEqual({ relayed: false });
  });
});

describe("CallController: a tab opened or reloaded during a call", () => {
  it("shows a call ringing for me", async () => {
    server.answer("active", () => ({ call: incoming(), other: ada }));
    await controller.restore();
    expect(phase()).toEqual({ kind: "incoming", call: incoming(), other: ada, answering: false });
  });

  it("cancels a call this tab was placing (its connection is gone), and fails one it was in", async () => {
    server.answer("active", () => ({ call: call(), other: ada }));
    await controller.restore();
    expect(server.inputsOf("hangUp")).toEqual([{ callId: "call-1" }]);

    server.answer("active", () => ({ call: call({ status: "accepted", calleeDeviceId: "tab-ada" }), other: ada }));
    await controller.restore();
    expect(server.inputsOf("fail")).toEqual([{ callId: "call-1" }]);
    expect(phase()).toEqual({ kind: "idle" });
  });

  it("leaves alone a call placed from another tab, and stays idle when the server cannot be reached", async () => {
    server.answer("active", () => ({ call: call({ callerDeviceId: "tab-other" }), other: ada }));
    await controller.restore();
    server.answer("active", () => Promise.reject(new TypeError("fetch failed")));
    await controller.restore();
    expect(server.requests.map((r) => r.procedure)).toEqual(["active", "active"]);
    expect(phase()).toEqual({ kind: "idle" });
  });
});
