import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { CALLS_QUEUE } from "@/server/infra/queues";
import { expireRingingCall } from "@/server/services/calls/call-actions";
import { RING_TIMEOUT_MS } from "@/server/services/calls/call-state";
import { sweepCalls } from "@/server/services/calls/sweep-calls";
import { connect, presenceOf } from "@/server/services/presence/presence";
import type { UserEvent } from "@/server/services/realtime/events";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { heardBy } from "../helpers/listen";

const deps = testDeps();
const as = (u: TestUser) => callerFor(u);
const device = (name: string) => `${name}-device-0001`;

/** Two friends, both with an open tab (online), so calls between them ring. */
async function friendsOnline() {
  const [ada, bob] = await Promise.all([createUser(), createUser()]);
  await makeFriends(ada, bob);
  await Promise.all([connect(deps, ada.id), connect(deps, bob.id)]);
  return { ada, bob };
}
const online = async (u: TestUser) => void (await connect(deps, u.id));
const types = (events: UserEvent[]) =>
  events.map((e) => (e.type === "call.updated" ? `call.updated:${e.call.status}` : e.type));
const callEntries = (conversationId: string) =>
  deps.db.message.findMany({
    where: { conversationId, kind: "CALL" },
    select: { body: true, senderId: true, call: { select: { status: true } } },
  });
const statusOf = async (u: TestUser) => (await presenceOf(deps.redis, [u.id])).get(u.id)!.status;

describe("1:1 calls", () => {
  it("rings the callee, connects on answer, relays signals device to device, and ends with a history entry", async () => {
    const { ada, bob } = await friendsOnline();
    let callId = "";
    const bobHeard = await heardBy(bob.id, async () => {
      const call = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
      expect(call).toMatchObject({
        status: "ringing",
        callerId: ada.id,
        calleeId: bob.id,
        callerDeviceId: device("ada"),
        calleeDeviceId: null,
      });
      callId = call.id;
    });
    const ringing = bobHeard.find((e) => e.type === "call.ringing");
    expect(ringing).toMatchObject({ call: { id: callId }, caller: { id: ada.id, displayName: ada.displayName } });
    expect(await as(bob).calls.active()).toMatchObject({
      call: { id: callId, status: "ringing" },
      other: { id: ada.id },
    });

    const adaHeard = await heardBy(ada.id, () => as(bob).calls.accept({ callId, deviceId: device("bob") }));
    expect(adaHeard).toContainEqual(
      expect.objectContaining({
        type: "call.updated",
        call: expect.objectContaining({ status: "accepted", calleeDeviceId: device("bob") }),
      }),
    );
    expect(await statusOf(ada)).toBe("in-call");
    expect(await statusOf(bob)).toBe("in-call");

    const offer = { kind: "description" as const, description: { type: "offer" as const, sdp: "v=0\r\n" } };
    const toBob = await heardBy(bob.id, () => as(ada).calls.signal({ callId, deviceId: device("ada"), signal: offer }));
    expect(toBob).toEqual([
      { type: "call.signal", callId, fromUserId: ada.id, toDeviceId: device("bob"), signal: offer },
    ]);
    // Another of Ada's tabs is not in this call and may not inject signals into it.
    await expectTrpcError(as(ada).calls.signal({ callId, deviceId: device("ada-tab2"), signal: offer }), "FORBIDDEN");
    expect(await as(bob).calls.keepAlive({ callId })).toEqual({ live: true });
    await as(ada).calls.reportConnection({ callId, relayed: true });

    const ended = await as(bob).calls.hangUp({ callId });
    expect(ended).toMatchObject({ status: "ended", endedById: bob.id });
    expect(await statusOf(ada)).toBe("online");
    expect(await as(ada).calls.active()).toBeNull();
    expect(await as(ada).calls.keepAlive({ callId })).toEqual({ live: false });
    const row = await deps.db.call.findUniqueOrThrow({ where: { id: callId } });
    expect(row).toMatchObject({ status: "ENDED", relayed: true });
    expect(await callEntries(row.conversationId)).toEqual([
      { body: expect.stringMatching(/^Call · \d+:\d\d$/), senderId: ada.id, call: { status: "ENDED" } },
    ]);
    // Answered calls leave nothing unread and no notification.
    const [adaList] = [await as(bob).chat.conversations()];
    expect(adaList.find((c) => c.id === row.conversationId)?.unread).toBe(0);
    expect(await deps.db.notification.count({ where: { userId: bob.id, kind: "MISSED_CALL" } })).toBe(0);

    // Both are free again.
    expect((await as(bob).calls.start({ calleeId: ada.id, deviceId: device("bob") })).status).toBe("ringing");
  });

  it("stops the other devices ringing: one answer wins, a second answer at the same moment gets CONFLICT", async () => {
    const { ada, bob } = await friendsOnline();
    const { id: callId } = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    const results = await Promise.allSettled([
      as(bob).calls.accept({ callId, deviceId: device("phone") }),
      as(bob).calls.accept({ callId, deviceId: device("laptop") }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
  });

  it("records a declined call, and a call the caller cancelled", async () => {
    const { ada, bob } = await friendsOnline();
    const first = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    await expectTrpcError(as(ada).calls.decline({ callId: first.id }), "BAD_REQUEST");
    expect(await as(bob).calls.decline({ callId: first.id })).toMatchObject({ status: "declined", endedById: bob.id });
    const second = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    expect(await as(ada).calls.hangUp({ callId: second.id })).toMatchObject({ status: "cancelled" });
    await expectTrpcError(as(bob).calls.accept({ callId: second.id, deviceId: device("bob") }), "CONFLICT");
    expect((await callEntries(first.conversationId)).map((e) => e.body)).toEqual(["Declined call", "Cancelled call"]);
    // Declining is the callee's own doing; a call cancelled while it rang is a missed call for them.
    expect(
      await deps.db.notification.findMany({ where: { userId: bob.id }, select: { kind: true, count: true } }),
    ).toEqual([{ kind: "MISSED_CALL", count: 1 }]);
  });

  it("schedules the ring timeout; after 30 s unanswered the call is missed, notified and unread for the callee", async () => {
    const { ada, bob } = await friendsOnline();
    const call = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    const queue = new Queue(CALLS_QUEUE, { connection: deps.redis });
    const job = await queue.getJob(`ring-${call.id}`);
    await queue.close();
    expect(job?.data).toEqual({ callId: call.id });
    expect(job?.opts.delay).toBeGreaterThanOrEqual(RING_TIMEOUT_MS);

    expect(await expireRingingCall(deps, call.id)).toBeNull(); // too early: still ringing
    await deps.db.call.update({
      where: { id: call.id },
      data: { createdAt: new Date(Date.now() - RING_TIMEOUT_MS - 1) },
    });
    const bobHeard = await heardBy(bob.id, () => expireRingingCall(deps, call.id));
    expect(types(bobHeard)).toEqual(expect.arrayContaining(["message.created", "notification", "call.updated:missed"]));
    expect(await expireRingingCall(deps, call.id)).toBeNull(); // a retried job changes nothing
    expect(
      await deps.db.notification.findMany({
        where: { userId: bob.id },
        select: { kind: true, actorId: true, conversationId: true },
      }),
    ).toEqual([{ kind: "MISSED_CALL", actorId: ada.id, conversationId: call.conversationId }]);
    const bobList = await as(bob).chat.conversations();
    const adaList = await as(ada).chat.conversations();
    expect(bobList.find((c) => c.id === call.conversationId)?.unread).toBe(1);
    expect(adaList.find((c) => c.id === call.conversationId)?.unread).toBe(0);
  });

  it("is busy when the callee is in another call; the caller cannot place a second call", async () => {
    const { ada, bob } = await friendsOnline();
    const carol = await createUser();
    await makeFriends(carol, bob);
    await makeFriends(carol, ada);
    await online(carol);
    const first = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    const busy = await as(carol).calls.start({ calleeId: bob.id, deviceId: device("carol") });
    expect(busy).toMatchObject({ status: "busy", missedReason: null });
    expect(await deps.db.notification.count({ where: { userId: bob.id, kind: "MISSED_CALL" } })).toBe(1);
    await expectTrpcError(
      as(ada).calls.start({ calleeId: carol.id, deviceId: device("ada") }),
      "CONFLICT",
      /already in a call/,
    );
    // The busy attempt did not disturb the first call.
    expect(await as(bob).calls.accept({ callId: first.id, deviceId: device("bob") })).toMatchObject({
      status: "accepted",
    });
  });

  it("connects two people who call each other at the same moment instead of crossing", async () => {
    const { ada, bob } = await friendsOnline();
    const first = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    const second = await as(bob).calls.start({ calleeId: ada.id, deviceId: device("bob") });
    expect(second).toMatchObject({ id: first.id, status: "accepted", callerId: ada.id, calleeDeviceId: device("bob") });
    expect(await deps.db.call.count({ where: { OR: [{ callerId: ada.id }, { callerId: bob.id }] } })).toBe(1);
  });

  it("does not ring an offline callee, nor during do-not-disturb or quiet hours: the call is missed at once", async () => {
    const { ada, bob } = await friendsOnline();
    const dave = await createUser();
    await makeFriends(ada, dave);
    expect(await as(ada).calls.start({ calleeId: dave.id, deviceId: device("ada") })).toMatchObject({
      status: "missed",
      missedReason: "offline",
    });

    await as(bob).calls.updateSettings({
      doNotDisturbUntil: new Date(Date.now() + 3_600_000).toISOString(),
      quietHours: null,
      timeZone: "Europe/London",
    });
    const bobHeard = await heardBy(bob.id, async () => {
      expect(await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") })).toMatchObject({
        status: "missed",
        missedReason: "unavailable",
      });
    });
    expect(types(bobHeard)).not.toContain("call.ringing");
    expect(await deps.db.notification.count({ where: { userId: bob.id, kind: "MISSED_CALL" } })).toBe(1);

    // Quiet hours covering the whole day but one minute: the current minute is inside them.
    const minute = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    await as(bob).calls.updateSettings({
      doNotDisturbUntil: null,
      quietHours: { start: minute, end: (minute + 1439) % 1440 },
      timeZone: "UTC",
    });
    expect(await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") })).toMatchObject({
      status: "missed",
      missedReason: "unavailable",
    });
    await as(bob).calls.updateSettings({ doNotDisturbUntil: null, quietHours: null, timeZone: "UTC" });
    expect(await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") })).toMatchObject({
      status: "ringing",
    });
  });

  it("follows the callee's 'who may call me' setting and blocks (NOT_FOUND, nothing recorded)", async () => {
    const { ada, bob } = await friendsOnline();
    const stranger = await createUser();
    await online(stranger);
    // Default: friends only.
    await expectTrpcError(as(stranger).calls.start({ calleeId: bob.id, deviceId: device("s") }), "NOT_FOUND");
    await deps.db.user.update({ where: { id: bob.id }, data: { callPolicy: "EVERYONE" } });
    const call = await as(stranger).calls.start({ calleeId: bob.id, deviceId: device("s") });
    expect(call.status).toBe("ringing");
    await as(stranger).calls.hangUp({ callId: call.id });
    // A call opens the pair's conversation: someone whose profile the stranger may not see cannot be called either,
    // whatever the call setting says (openDirect would refuse that conversation too).
    await deps.db.user.update({ where: { id: bob.id }, data: { profileVisibility: "FRIENDS" } });
    const conversationsBefore = await deps.db.conversationMember.count({ where: { userId: stranger.id } });
    await expectTrpcError(as(stranger).chat.openDirect({ userId: bob.id }), "NOT_FOUND");
    await expectTrpcError(as(stranger).calls.start({ calleeId: bob.id, deviceId: device("s") }), "NOT_FOUND");
    expect(await deps.db.conversationMember.count({ where: { userId: stranger.id } })).toBe(conversationsBefore);
    await deps.db.user.update({ where: { id: bob.id }, data: { callPolicy: "NOBODY" } });
    await expectTrpcError(as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") }), "NOT_FOUND");

    await deps.db.user.update({ where: { id: bob.id }, data: { callPolicy: "EVERYONE" } });
    await as(bob).friends.block({ userId: ada.id });
    const before = await deps.db.call.count({ where: { callerId: ada.id } });
    await expectTrpcError(as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") }), "NOT_FOUND");
    await expectTrpcError(as(bob).calls.start({ calleeId: ada.id, deviceId: device("bob") }), "NOT_FOUND");
    expect(await deps.db.call.count({ where: { callerId: ada.id } })).toBe(before);
    await expectTrpcError(as(ada).calls.start({ calleeId: "no-such-user", deviceId: device("ada") }), "NOT_FOUND");
    await expectTrpcError(as(ada).calls.start({ calleeId: ada.id, deviceId: device("ada") }), "BAD_REQUEST");
  });

  it("ends a live call when one party blocks the other", async () => {
    const { ada, bob } = await friendsOnline();
    const call = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    await as(bob).calls.accept({ callId: call.id, deviceId: device("bob") });
    await as(bob).friends.block({ userId: ada.id });
    expect(
      await deps.db.call.findUniqueOrThrow({ where: { id: call.id }, select: { status: true, endedById: true } }),
    ).toEqual({ status: "ENDED", endedById: bob.id });
    expect(await statusOf(ada)).toBe("online");
  });

  it("keeps everyone else out of a call: NOT_FOUND for every procedure, and nothing changes", async () => {
    const { ada, bob } = await friendsOnline();
    const eve = await createUser();
    const call = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    const callId = call.id;
    const signal = { kind: "media" as const, audio: true, video: true, screen: false };
    for (const attempt of [
      () => as(eve).calls.accept({ callId, deviceId: device("eve") }),
      () => as(eve).calls.decline({ callId }),
      () => as(eve).calls.hangUp({ callId }),
      () => as(eve).calls.fail({ callId }),
      () => as(eve).calls.keepAlive({ callId }),
      () => as(eve).calls.reportConnection({ callId, relayed: false }),
      () => as(eve).calls.signal({ callId, deviceId: device("eve"), signal }),
    ]) {
      await expectTrpcError(attempt(), "NOT_FOUND");
    }
    expect(await as(eve).calls.active()).toBeNull();
    expect((await as(eve).calls.history({ limit: 20 })).items).toEqual([]);
    expect(await deps.db.call.findUniqueOrThrow({ where: { id: callId }, select: { status: true } })).toEqual({
      status: "RINGING",
    });
    // Signals wait for the answer.
    await expectTrpcError(as(ada).calls.signal({ callId, deviceId: device("ada"), signal }), "CONFLICT");
  });

  it("validates input at the edge", async () => {
    const { ada, bob } = await friendsOnline();
    await expectTrpcError(as(ada).calls.start({ calleeId: bob.id, deviceId: "short" }), "BAD_REQUEST");
    await expectTrpcError(as(ada).calls.start({ calleeId: bob.id, deviceId: "has spaces in it" }), "BAD_REQUEST");
    const call = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    await as(bob).calls.accept({ callId: call.id, deviceId: device("bob") });
    const huge = { kind: "description" as const, description: { type: "offer" as const, sdp: "x".repeat(70_000) } };
    await expectTrpcError(
      as(ada).calls.signal({ callId: call.id, deviceId: device("ada"), signal: huge }),
      "BAD_REQUEST",
    );
    const unknownKind = { kind: "exec", cmd: "rm" } as unknown as typeof huge;
    await expectTrpcError(
      as(ada).calls.signal({ callId: call.id, deviceId: device("ada"), signal: unknownKind }),
      "BAD_REQUEST",
    );
    const settings = { doNotDisturbUntil: null, quietHours: null, timeZone: "UTC" };
    await expectTrpcError(as(ada).calls.updateSettings({ ...settings, timeZone: "Mars/Olympus_Mons" }), "BAD_REQUEST");
    await expectTrpcError(
      as(ada).calls.updateSettings({ ...settings, quietHours: { start: 600, end: 600 } }),
      "BAD_REQUEST",
    );
    await expectTrpcError(
      as(ada).calls.updateSettings({ ...settings, quietHours: { start: 0, end: 1440 } }),
      "BAD_REQUEST",
    );
    await expectTrpcError(as(ada).calls.updateSettings({ ...settings, doNotDisturbUntil: "tomorrow" }), "BAD_REQUEST");
    expect(await as(ada).calls.settings()).toEqual(settings);
  });

  it("rate-limits placing calls", async () => {
    const caller = await createUser();
    const offline = await createUser();
    await makeFriends(caller, offline);
    for (let i = 0; i < 20; i++) await as(caller).calls.start({ calleeId: offline.id, deviceId: device("c") });
    await expectTrpcError(as(caller).calls.start({ calleeId: offline.id, deviceId: device("c") }), "TOO_MANY_REQUESTS");
  });

  it("sweeps calls whose timer was lost or whose browsers all went away", async () => {
    const { ada, bob } = await friendsOnline();
    const answered = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
    await as(bob).calls.accept({ callId: answered.id, deviceId: device("bob") });
    const carol = await createUser();
    const dave = await createUser();
    await makeFriends(carol, dave);
    await online(dave);
    const ringing = await as(carol).calls.start({ calleeId: dave.id, deviceId: device("carol") });
    await deps.db.call.update({
      where: { id: ringing.id },
      data: { createdAt: new Date(Date.now() - RING_TIMEOUT_MS - 20_000) },
    });
    // Both browsers stop renewing: their keys lapse.
    await deps.redis.del(`calls:active:${ada.id}`, `calls:active:${bob.id}`);
    const swept = await sweepCalls(deps);
    expect(swept.missed).toBeGreaterThanOrEqual(1);
    expect(swept.dropped).toBeGreaterThanOrEqual(1);
    expect((await deps.db.call.findUniqueOrThrow({ where: { id: answered.id } })).status).toBe("FAILED");
    expect((await deps.db.call.findUniqueOrThrow({ where: { id: ringing.id } })).status).toBe("MISSED");
    expect(await statusOf(ada)).toBe("online");
  });

  it("lists each user's own call history, newest first, in pages", async () => {
    const { ada, bob } = await friendsOnline();
    for (let i = 0; i < 3; i++) {
      const call = await as(ada).calls.start({ calleeId: bob.id, deviceId: device("ada") });
      await as(bob).calls.decline({ callId: call.id });
    }
    const first = await as(bob).calls.history({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({
      direction: "incoming",
      other: { id: ada.id },
      call: { status: "declined" },
    });
    const rest = await as(bob).calls.history({ limit: 2, cursor: first.nextCursor! });
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.items, ...rest.items].map((i) => i.call.id)).size).toBe(3);
    expect((await as(ada).calls.history({ limit: 5 })).items.every((i) => i.direction === "outgoing")).toBe(true);
  });
});
