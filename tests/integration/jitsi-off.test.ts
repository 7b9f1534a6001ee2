import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { Deps } from "@/server/infra/deps";
import { handleJitsiWebhook, WEBHOOK_SECRET_HEADER } from "@/server/services/rooms/jitsi-events-http";
import { groupCallsAvailable } from "@/server/services/rooms/jitsi-availability";
import { jitsiStatus } from "@/server/services/rooms/jitsi-status";
import { connect } from "@/server/services/presence/presence";
import { callerFor, createUser, freshIp, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();
/** The same server with JITSI_DOMAIN unset: group calls, meetings and rooms are off. */
const withoutJitsi: Deps = { ...deps, env: { ...deps.env, JITSI_DOMAIN: undefined } };
const asWithoutJitsi = (u: TestUser) =>
  createCaller({ deps: withoutJitsi, user: { id: u.id, role: "USER", needsTotp: false }, ip: freshIp() });
const REASON = /^Group calls need Jitsi — your admin can set it up\.$/;
const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe("without Jitsi (JITSI_DOMAIN unset)", () => {
  it("the flag the pages pass to the client is off, and on once JITSI_DOMAIN is set", () => {
    expect(groupCallsAvailable(withoutJitsi.env)).toBe(false);
    expect(groupCallsAvailable({ JITSI_DOMAIN: "" })).toBe(false);
    expect(groupCallsAvailable(deps.env)).toBe(true);
  });

  it("every procedure that makes or enters a room refuses with the reason, and no room, invitation or ring is made", async () => {
    const [ada, bob] = await Promise.all([createUser(), createUser()]);
    await makeFriends(ada, bob);
    await Promise.all([connect(deps, ada.id), connect(deps, bob.id)]);
    const { conversationId } = await callerFor(ada).chat.createGroup({ name: "No Jitsi here", memberIds: [bob.id] });
    // A room made while Jitsi was on cannot be entered once it is off.
    const earlier = await callerFor(ada).rooms.forProfile({ userId: ada.id });
    const call = await callerFor(ada).calls.start({ calleeId: bob.id, deviceId: "ada-device-01" });
    await callerFor(bob).calls.accept({ callId: call.id, deviceId: "bob-device-01" });
    const rooms = () => deps.db.room.count({ where: { ownerId: { in: [ada.id, bob.id] } } });
    const before = {
      rooms: await rooms(),
      notifications: await deps.db.notification.count({ where: { userId: bob.id } }),
    };

    const off = asWithoutJitsi(ada);
    await expectTrpcError(off.rooms.startGroupCall({ conversationId }), "PRECONDITION_FAILED", REASON);
    await expectTrpcError(off.rooms.forConversation({ conversationId }), "PRECONDITION_FAILED", REASON);
    await expectTrpcError(off.rooms.forProfile({ userId: bob.id }), "PRECONDITION_FAILED", REASON);
    await expectTrpcError(
      off.rooms.createMeeting({ title: "Plans", startsAt: hour(1), endsAt: hour(2), inviteeIds: [bob.id] }),
      "PRECONDITION_FAILED",
      REASON,
    );
    await expectTrpcError(off.rooms.join({ roomId: earlier.id }), "PRECONDITION_FAILED", REASON);
    await expectTrpcError(
      off.rooms.addPeopleToCall({ callId: call.id, userIds: [bob.id] }),
      "PRECONDITION_FAILED",
      REASON,
    );

    expect(await rooms()).toBe(before.rooms);
    expect(await deps.db.notification.count({ where: { userId: bob.id } })).toBe(before.notifications);
    expect((await deps.db.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("ACCEPTED");
    // The same requests with Jitsi on go through (the refusal is the configuration, not the request).
    expect((await callerFor(ada).rooms.join({ roomId: earlier.id })).roomName).toEqual(expect.any(String));
  });
});

describe("the admin's Jitsi status", () => {
  // Its own key space, so webhook deliveries from other test files running meanwhile do not show here.
  const redis = new Redis(process.env.REDIS_URL!, { keyPrefix: `jitsi-off-test-${Date.now()}:` });
  afterAll(() => redis.quit());
  const isolated: Deps = { ...deps, redis };
  const deliver = (secret: string) =>
    handleJitsiWebhook(
      isolated,
      new Request("http://localhost/api/jitsi/events/room/created", {
        method: "POST",
        headers: { [WEBHOOK_SECRET_HEADER]: secret, "content-type": "application/json" },
        body: JSON.stringify({
          event_name: "muc-room-created",
          room_name: "nobody-knows-this-room",
          room_jid: "nobody-knows-this-room@muc.meet.jitsi",
          is_breakout: false,
          created_at: Math.floor(Date.now() / 1000),
        }),
      }),
      ["room", "created"],
    );

  it("says Jitsi is not configured without JITSI_DOMAIN", async () => {
    expect(await jitsiStatus({ ...isolated, env: withoutJitsi.env })).toEqual({ configured: false });
  });

  it("when configured: no event yet, then when the last event arrived, and when one was refused for its secret", async () => {
    expect(await jitsiStatus(isolated)).toEqual({
      configured: true,
      domain: deps.env.JITSI_DOMAIN,
      webhookSecretSet: true,
      lastEvent: null,
      lastRefused: null,
    });

    const sent = Date.now();
    expect((await deliver(deps.env.JITSI_WEBHOOK_SECRET!)).status).toBe(200);
    const arrived = await jitsiStatus(isolated);
    expect(arrived).toMatchObject({
      configured: true,
      lastEvent: { event: "room/created", at: expect.any(Date) },
      lastRefused: null,
    });
    if (!arrived.configured) throw new Error("configured");
    expect(arrived.lastEvent!.at.getTime()).toBeGreaterThanOrEqual(sent);

    await expect(deliver("not-the-secret")).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const refused = await jitsiStatus(isolated);
    if (!refused.configured) throw new Error("configured");
    expect(refused.lastEvent).toEqual(arrived.lastEvent);
    expect(refused.lastRefused).toMatchObject({ event: "room/created" });
    expect(refused.lastRefused!.at.getTime()).toBeGreaterThanOrEqual(arrived.lastEvent!.at.getTime());

    expect(await jitsiStatus({ ...isolated, env: { ...deps.env, JITSI_WEBHOOK_SECRET: undefined } })).toMatchObject({
      configured: true,
      webhookSecretSet: false,
    });
  });
});
