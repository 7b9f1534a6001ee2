import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/jitsi/events/[...event]/route";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { heardBy } from "../helpers/listen";
import { DELIVERY_KEYS_KEPT_MS, pruneWebhookDeliveries } from "@/server/services/rooms/jitsi-events-sweep";

const deps = testDeps();
const as = (u: TestUser) => callerFor(u);
const SECRET = process.env.JITSI_WEBHOOK_SECRET!;
const MUC = "muc.meet.jitsi";

/** Calls the real route handler, as event_sync would (POST, JSON, the secret header). */
async function post(path: string, body: unknown, secret: string | null = SECRET) {
  const headers = new Headers({ "Content-Type": "application/json" });
  if (secret !== null) headers.set("X-Hearth-Webhook-Secret", secret);
  const request = new Request(`http://localhost:3100/api/jitsi/events/${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({ event: path.split("/") }) });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** An occupant as event_sync sends it: name, id and email come from the token, so a tokenless one has none. */
type SentOccupant = {
  occupant_jid: string;
  joined_at: number;
  left_at?: number;
  name?: string;
  id?: string;
  email?: string;
};

/** Payloads shaped exactly as mod_event_sync_component.lua builds them (unix seconds; nil fields absent). */
function jitsi(roomName: string) {
  const base = { room_name: roomName, room_jid: `${roomName}@${MUC}`, is_breakout: false };
  const occupant = (who: { id?: string; name: string; nick: string }, joinedAt: number, leftAt?: number) => ({
    occupant_jid: `${roomName}@${MUC}/${who.nick}`,
    joined_at: joinedAt,
    ...(leftAt ? { left_at: leftAt } : {}),
    name: who.name,
    ...(who.id ? { id: who.id, email: `${who.nick}@example.test` } : {}),
  });
  return {
    occupant,
    created: (t: number) => ["room/created", { event_name: "muc-room-created", ...base, created_at: t }] as const,
    joined: (o: SentOccupant, count = 1) =>
      [
        "occupant/joined",
        { event_name: "muc-occupant-joined", ...base, occupant: o, active_occupants_count: count },
      ] as const,
    left: (o: SentOccupant, count = 0) =>
      [
        "occupant/left",
        { event_name: "muc-occupant-left", ...base, occupant: o, active_occupants_count: count },
      ] as const,
    destroyed: (created: number, destroyed: number, all: unknown) =>
      [
        "room/destroyed",
        { event_name: "muc-room-destroyed", ...base, created_at: created, destroyed_at: destroyed, all_occupants: all },
      ] as const,
  };
}

async function groupRoom() {
  const [admin, member, outsider] = await Promise.all([createUser(), createUser(), createUser()]);
  await makeFriends(admin, member);
  const { conversationId } = await as(admin).chat.createGroup({ name: "Book club", memberIds: [member.id] });
  const room = await as(admin).rooms.forConversation({ conversationId });
  const { jitsiName } = await deps.db.room.findUniqueOrThrow({ where: { id: room.id }, select: { jitsiName: true } });
  return { admin, member, outsider, conversationId, roomId: room.id, ev: jitsi(jitsiName) };
}

const sessionsOf = (roomId: string) =>
  deps.db.roomSession.findMany({
    where: { roomId },
    orderBy: { startedAt: "asc" },
    include: { participants: { orderBy: { joinedAt: "asc" } } },
  });
const inCall = (userId: string) => deps.redis.exists(`presence:call:${userId}`);
const at = (s: number) => new Date(s * 1000);
let clock = Math.floor(Date.now() / 1000) - 3600;
const nextT0 = () => (clock += 1000);

afterEach(() => vi.restoreAllMocks());

describe("the Jitsi event webhook", () => {
  it("refuses a wrong or missing secret with 401 and the same words for each, records nothing; a malformed payload is 400 saying what is wrong", async () => {
    const { roomId, ev } = await groupRoom();
    const t0 = nextT0();
    const before = await deps.db.webhookDelivery.count();
    for (const secret of ["wrong-secret", `${SECRET}x`, "", null]) {
      const res = await post(...ev.created(t0), secret);
      expect(res).toMatchObject({
        status: 401,
        json: { error: { code: "UNAUTHORIZED", message: "The webhook secret or signature is missing or wrong." } },
      });
    }
    expect(await sessionsOf(roomId)).toEqual([]);
    expect(await deps.db.webhookDelivery.count()).toBe(before);

    const [path, good] = ev.created(t0);
    expect((await post(path, "{not json")).status).toBe(400);
    const missing = await post(path, { ...good, room_name: undefined });
    expect(missing).toMatchObject({
      status: 400,
      json: {
        error: {
          code: "BAD_REQUEST",
          message: expect.stringMatching(/room_name/),
          fieldErrors: { room_name: [expect.any(String)] },
        },
      },
    });
    const millis = await post(path, { ...good, created_at: t0 * 1000 });
    expect(millis).toMatchObject({
      status: 400,
      json: {
        error: {
          message: expect.stringMatching(/created_at: must be unix seconds/),
          fieldErrors: { created_at: [expect.stringMatching(/must be unix seconds/)] },
        },
      },
    });
    expect((await post(path, { ...good, event_name: "muc-room-destroyed" })).status).toBe(400);
    const [joinPath, join] = ev.joined(ev.occupant({ name: "X", nick: "x" }, t0));
    expect((await post(joinPath, { ...join, occupant: { joined_at: t0 } })).json).toMatchObject({
      error: {
        message: expect.stringMatching(/occupant\.occupant_jid/),
        fieldErrors: { "occupant.occupant_jid": expect.any(Array) },
      },
    });
    expect((await post("room/renamed", good)).status).toBe(404);
    expect(await sessionsOf(roomId)).toEqual([]);
  });

  it("also takes a signed delivery (HMAC of timestamp and body), refusing a wrong signature, a changed body or an old timestamp", async () => {
    const { roomId, ev } = await groupRoom();
    const t0 = nextT0();
    const [path, body] = ev.created(t0);
    const text = JSON.stringify(body);
    const signed = (timestamp: number, signedBody = text) => ({
      "X-Hearth-Timestamp": String(timestamp),
      "X-Hearth-Signature": `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${signedBody}`).digest("hex")}`,
    });
    const send = async (headers: Record<string, string>) => {
      const request = new Request(`http://localhost:3100/api/jitsi/events/${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: text,
      });
      return (await POST(request, { params: Promise.resolve({ event: path.split("/") }) })).status;
    };
    const now = Math.floor(Date.now() / 1000);
    expect(await send(signed(now - 400))).toBe(401);
    expect(await send(signed(now + 400))).toBe(401);
    expect(await send(signed(now, text.replace("muc-room-created", "muc-room-created ")))).toBe(401);
    expect(await send({ ...signed(now), "X-Hearth-Signature": "sha256=" + "0".repeat(64) })).toBe(401);
    expect(await sessionsOf(roomId)).toEqual([]);
    expect(await send(signed(now))).toBe(200);
    expect(await sessionsOf(roomId)).toHaveLength(1);
  });

  it("records a session: created, joined (Hearth users and a guest), left, destroyed; presence, live state and the group's call entry follow", async () => {
    const { admin, member, outsider, conversationId, roomId, ev } = await groupRoom();
    const t0 = nextT0();
    const a = ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa1111" }, t0 + 1);
    const g = ev.occupant({ name: "Guest Gus", nick: "gggg2222" }, t0 + 2);
    const m = ev.occupant({ id: member.id, name: member.displayName, nick: "mmmm3333" }, t0 + 3);
    expect(await post(...ev.created(t0))).toMatchObject({ status: 200, json: { status: "recorded" } });

    const heardByMember = await heardBy(member.id, () => post(...ev.joined(a)));
    expect(heardByMember).toContainEqual({
      type: "room.live",
      roomId,
      conversationId,
      live: true,
      participantIds: [admin.id],
    });
    expect(await heardBy(outsider.id, () => post(...ev.joined(g, 2)))).toEqual([]);
    await post(...ev.joined(m, 3));
    expect(await inCall(admin.id)).toBe(1);
    expect(await inCall(member.id)).toBe(1);

    const mLeft = ev.occupant({ id: member.id, name: member.displayName, nick: "mmmm3333" }, t0 + 3, t0 + 60);
    const afterLeave = await heardBy(admin.id, () => post(...ev.left(mLeft, 2)));
    expect(afterLeave).toContainEqual({
      type: "room.live",
      roomId,
      conversationId,
      live: true,
      participantIds: [admin.id],
    });
    expect(await inCall(member.id)).toBe(0);

    const all = [
      ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa1111" }, t0 + 1, t0 + 125),
      ev.occupant({ name: "Guest Gus", nick: "gggg2222" }, t0 + 2, t0 + 124),
      mLeft,
    ];
    const atEnd = await heardBy(member.id, () => post(...ev.destroyed(t0, t0 + 125, all)));
    expect(atEnd).toContainEqual({ type: "room.live", roomId, conversationId, live: false, participantIds: [] });
    expect(atEnd).toContainEqual(
      expect.objectContaining({
        type: "message.created",
        message: expect.objectContaining({ kind: "SYSTEM", body: "Group call · 2:05 · 3 people" }),
      }),
    );
    expect(await inCall(admin.id)).toBe(0);

    const [session, ...more] = await sessionsOf(roomId);
    expect(more).toEqual([]);
    expect(session).toMatchObject({ startedAt: at(t0), endedAt: at(t0 + 125) });
    expect(session!.participants.map((p) => [p.userId, p.displayName, p.joinedAt, p.leftAt])).toEqual([
      [admin.id, admin.displayName, at(t0 + 1), at(t0 + 125)],
      [null, "Guest Gus", at(t0 + 2), at(t0 + 124)],
      [member.id, member.displayName, at(t0 + 3), at(t0 + 60)],
    ]);
    const entries = await deps.db.message.findMany({
      where: { conversationId, kind: "SYSTEM", body: { startsWith: "Group call" } },
    });
    expect(entries).toHaveLength(1);
  });

  it("Jibri's recorder is nobody: its joins and leaves are ignored, it is never a stay, never makes the room live, never one of 'N people'", async () => {
    const { admin, member, conversationId, roomId, ev } = await groupRoom();
    const t0 = nextT0();
    // As event_sync sends it: the recorder's real JID on the hidden recorder domain, and no token, so no name or id.
    const recorder = (joinedAt: number, leftAt?: number) => ({
      occupant_jid: "recorder@recorder.meet.jitsi/Jb4cK9xQ",
      joined_at: joinedAt,
      ...(leftAt ? { left_at: leftAt } : {}),
    });
    await post(...ev.created(t0));
    expect(await post(...ev.joined(recorder(t0 + 1)))).toMatchObject({
      status: 200,
      json: { status: "ignored", reason: "service-occupant" },
    });
    expect(await sessionsOf(roomId)).toEqual([expect.objectContaining({ participants: [] })]);
    expect(await as(member).rooms.groupCallState({ conversationId })).toMatchObject({
      live: false,
      participantIds: [],
    });

    const a = ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa1111" }, t0 + 2);
    await post(...ev.joined(a, 2));
    expect(await post(...ev.left(recorder(t0 + 1, t0 + 50), 1))).toMatchObject({
      status: 200,
      json: { status: "ignored", reason: "service-occupant" },
    });
    expect(await as(member).rooms.groupCallState({ conversationId })).toMatchObject({
      live: true,
      participantIds: [admin.id],
    });

    const all = [
      recorder(t0 + 1, t0 + 50),
      ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa1111" }, t0 + 2, t0 + 90),
    ];
    const atEnd = await heardBy(member.id, () => post(...ev.destroyed(t0, t0 + 90, all)));
    expect(atEnd).toContainEqual(
      expect.objectContaining({
        type: "message.created",
        message: expect.objectContaining({ kind: "SYSTEM", body: "Group call · 1:30 · 1 person" }),
      }),
    );
    const [session] = await sessionsOf(roomId);
    expect(session!.participants.map((p) => p.userId)).toEqual([admin.id]);
  });

  it("a delivery repeated three times counts once (including room destroyed's call entry)", async () => {
    const { admin, conversationId, roomId, ev } = await groupRoom();
    const t0 = nextT0();
    const a = ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa1111" }, t0 + 1);
    const statuses = [];
    for (const event of <(readonly [string, unknown])[]>[
      ev.created(t0),
      ev.joined(a),
      ev.destroyed(t0, t0 + 30, [
        ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa1111" }, t0 + 1, t0 + 29),
      ]),
    ]) {
      for (let i = 0; i < 3; i++) statuses.push((await post(...event)).json?.status);
    }
    expect(statuses).toEqual([
      "recorded",
      "duplicate",
      "duplicate",
      "recorded",
      "duplicate",
      "duplicate",
      "recorded",
      "duplicate",
      "duplicate",
    ]);
    const sessions = await sessionsOf(roomId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.participants).toHaveLength(1);
    expect(
      await deps.db.message.count({ where: { conversationId, kind: "SYSTEM", body: "Group call · 0:30 · 1 person" } }),
    ).toBe(1);

    // Concurrent retries of one delivery: still once.
    const b = ev.occupant({ name: "Guest", nick: "bbbb" }, t0 + 100);
    const results = await Promise.all([1, 2, 3].map(() => post(...ev.joined(b))));
    expect(results.map((r) => r.json?.status).sort()).toEqual(["duplicate", "duplicate", "recorded"]);
    expect(await deps.db.roomParticipant.count({ where: { occupantJid: b.occupant_jid } })).toBe(1);

    // The worker forgets keys only once no retry can repeat them.
    const kept = await deps.db.webhookDelivery.count();
    expect(await pruneWebhookDeliveries(deps)).toBe(0);
    expect(await pruneWebhookDeliveries(deps, Date.now() + DELIVERY_KEYS_KEPT_MS + 60_000)).toBeGreaterThanOrEqual(
      kept,
    );
  });

  it("tolerates order: a join before room created opens the session, which then starts when the room did; a late join after the end changes nothing", async () => {
    const { admin, member, roomId, ev } = await groupRoom();
    const t0 = nextT0();
    const a = ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa" }, t0 + 2);
    await post(...ev.joined(a));
    await post(...ev.created(t0));
    const m = ev.occupant({ id: member.id, name: member.displayName, nick: "mmmm" }, t0 + 5);
    // Room destroyed lists a stay whose own join never arrived yet; it arrives afterwards.
    await post(
      ...ev.destroyed(t0, t0 + 50, [
        { ...a, left_at: t0 + 50 },
        { ...m, left_at: t0 + 40 },
      ]),
    );
    expect((await post(...ev.joined(m, 2))).json?.status).toBe("recorded");
    const sessions = await sessionsOf(roomId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ startedAt: at(t0), endedAt: at(t0 + 50) });
    expect(sessions[0]!.participants.map((p) => [p.userId, p.leftAt])).toEqual([
      [admin.id, at(t0 + 50)],
      [member.id, at(t0 + 40)],
    ]);
    expect(await inCall(member.id)).toBe(0);

    // A room destroyed with nobody ever in it: Prosody encodes the empty list as {}.
    const t1 = nextT0();
    await post(...ev.created(t1));
    expect((await post(...ev.destroyed(t1, t1 + 5, {}))).status).toBe(200);
    expect(await sessionsOf(roomId)).toHaveLength(2);
  });

  it("ignores unknown rooms and breakout rooms with 200 and one log line", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const before = await deps.db.webhookDelivery.count();
    const unknown = jitsi("hearth-nosuchroomnosuchroomnosuch");
    expect(await post(...unknown.created(nextT0()))).toMatchObject({
      status: 200,
      json: { status: "ignored", reason: "unknown-room" },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^\[jitsi-events\] unknown room "hearth-nosuchroomnosuchroomnosuch"/,
    );

    const { roomId, ev } = await groupRoom();
    const [path, body] = ev.created(nextT0());
    expect(await post(path, { ...body, is_breakout: true, breakout_room_id: "abc-123" })).toMatchObject({
      status: 200,
      json: { status: "ignored", reason: "breakout" },
    });
    expect(log.mock.calls.filter(([line]) => String(line).startsWith("[jitsi-events] breakout"))).toHaveLength(1);
    expect(await sessionsOf(roomId)).toEqual([]);
    expect(await deps.db.webhookDelivery.count()).toBe(before);
  });
});

describe("room history", () => {
  it("rooms.history: each person's own sessions with their time and the others; rooms.sessions: for those who may see the room, NOT_FOUND for others", async () => {
    const { admin, member, outsider, roomId, ev } = await groupRoom();
    const t0 = nextT0();
    const a = ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa" }, t0 + 1);
    const m = ev.occupant({ id: member.id, name: member.displayName, nick: "mmmm" }, t0 + 2);
    const m2 = ev.occupant({ id: member.id, name: member.displayName, nick: "mmmm-phone" }, t0 + 3);
    for (const e of <(readonly [string, unknown])[]>[ev.created(t0), ev.joined(a), ev.joined(m), ev.joined(m2)])
      await post(...e);
    await post(
      ...ev.destroyed(t0, t0 + 90, [
        { ...a, left_at: t0 + 90 },
        { ...m, left_at: t0 + 80 },
        { ...m2, left_at: t0 + 85 },
      ]),
    );
    const t1 = nextT0();
    await post(...ev.created(t1));
    await post(...ev.joined(ev.occupant({ id: admin.id, name: admin.displayName, nick: "aaaa" }, t1 + 1)));

    const mine = await as(member).rooms.history({});
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      room: { id: roomId, kind: "GROUP", title: "Book club" },
      startedAt: at(t0).toISOString(),
      endedAt: at(t0 + 90).toISOString(),
      joinedAt: at(t0 + 2).toISOString(),
      leftAt: at(t0 + 85).toISOString(),
      others: [{ user: { id: admin.id }, joinedAt: at(t0 + 1).toISOString(), leftAt: at(t0 + 90).toISOString() }],
    });

    const first = await as(admin).rooms.history({ limit: 1 });
    expect(first.items.map((i) => [i.startedAt, i.endedAt, i.leftAt])).toEqual([[at(t1).toISOString(), null, null]]);
    const second = await as(admin).rooms.history({ limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.startedAt)).toEqual([at(t0).toISOString()]);
    expect(second.nextCursor).toBeNull();
    await expectTrpcError(as(admin).rooms.history({ cursor: "bogus" }), "BAD_REQUEST");

    const sessions = await as(member).rooms.sessions({ roomId });
    expect(sessions.items.map((s) => s.stays.length)).toEqual([1, 3]);
    expect(sessions.items[1]!.stays.map((s) => [s.user?.id, s.joinedAt, s.leftAt])).toEqual([
      [admin.id, at(t0 + 1).toISOString(), at(t0 + 90).toISOString()],
      [member.id, at(t0 + 2).toISOString(), at(t0 + 80).toISOString()],
      [member.id, at(t0 + 3).toISOString(), at(t0 + 85).toISOString()],
    ]);

    expect((await as(outsider).rooms.history({})).items).toEqual([]);
    await expectTrpcError(as(outsider).rooms.sessions({ roomId }), "NOT_FOUND");
    await expectTrpcError(as(outsider).rooms.sessions({ roomId: "no-such-room" }), "NOT_FOUND");
  });
});
