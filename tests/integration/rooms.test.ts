import ICAL from "ical.js";
import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { connect, presenceOf } from "@/server/services/presence/presence";
import { endAbandonedSessions } from "@/server/services/rooms/jitsi-events-sweep";
import { joinRoom } from "@/server/services/rooms/join-room";
import { meetingIcs } from "@/server/services/rooms/meetings";
import { getRoom } from "@/server/services/rooms/rooms";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { heardBy } from "../helpers/listen";

const deps = testDeps();
const as = (u: TestUser) => callerFor(u);
const secret = new TextEncoder().encode(process.env.JITSI_APP_SECRET!);

/** Verifies a token the way Prosody does (HS256 with the shared secret, iss and aud) and returns its claims. */
async function prosodyAccepts(token: string) {
  const { payload, protectedHeader } = await jwtVerify(token, secret, {
    issuer: "hearth",
    audience: "hearth",
    algorithms: ["HS256"],
  });
  expect(protectedHeader.typ).toBe("JWT");
  return payload as typeof payload & {
    room: string;
    context: { user: Record<string, unknown>; features: Record<string, unknown> };
  };
}

async function group() {
  const [admin, member, outsider] = await Promise.all([createUser(), createUser(), createUser()]);
  await makeFriends(admin, member);
  const { conversationId } = await as(admin).chat.createGroup({ name: "Book club", memberIds: [member.id] });
  return { admin, member, outsider, conversationId };
}

describe("rooms and Jitsi tokens", () => {
  it("a group's room: members get a token for exactly that room; admins are moderators; outsiders get NOT_FOUND and no token", async () => {
    const { admin, member, outsider, conversationId } = await group();
    const room = await as(member).rooms.forConversation({ conversationId });
    expect(room).toMatchObject({
      kind: "GROUP",
      title: "Book club",
      owner: { id: admin.id },
      access: { role: "participant", entry: "direct" },
    });
    expect((await as(admin).rooms.forConversation({ conversationId })).id).toBe(room.id);

    const ticket = await as(member).rooms.join({ roomId: room.id });
    const { jitsiName } = await deps.db.room.findUniqueOrThrow({ where: { id: room.id } });
    expect(ticket).toMatchObject({ domain: "jitsi.hearth.test", roomName: jitsiName, displayName: member.displayName });
    expect(jitsiName).toMatch(/^hearth-[a-z2-7]{24}$/);
    expect(jitsiName).not.toContain(room.id);
    const claims = await prosodyAccepts(ticket.jwt);
    expect(claims).toMatchObject({
      sub: "meet.jitsi",
      room: jitsiName,
      context: {
        user: { id: member.id, name: member.displayName, moderator: false, affiliation: "member", lobby_bypass: true },
        features: { recording: false },
      },
    });
    // Jitsi shows a participant's token identity to the room: no email in it, nor in what the page hands the IFrame.
    expect(claims.context.user).not.toHaveProperty("email");
    expect(JSON.stringify(ticket)).not.toContain(member.email);
    // Short-lived by default: a token minted before someone lost access stops opening the door within 2 minutes.
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(claims.nbf).toBeLessThan(claims.iat!);

    const adminClaims = await prosodyAccepts((await as(admin).rooms.join({ roomId: room.id })).jwt);
    expect(adminClaims.context.user).toMatchObject({ moderator: true, affiliation: "owner" });
    expect(adminClaims.context.features.recording).toBe(true);

    await expectTrpcError(as(outsider).rooms.get({ roomId: room.id }), "NOT_FOUND");
    await expectTrpcError(as(outsider).rooms.join({ roomId: room.id }), "NOT_FOUND");
    await expectTrpcError(as(outsider).rooms.forConversation({ conversationId }), "NOT_FOUND");
    await expectTrpcError(as(outsider).rooms.join({ roomId: "no-such-room" }), "NOT_FOUND");
  });

  it("a member who leaves the group loses the room", async () => {
    const { member, conversationId } = await group();
    const room = await as(member).rooms.forConversation({ conversationId });
    await as(member).chat.leave({ conversationId });
    await expectTrpcError(as(member).rooms.join({ roomId: room.id }), "NOT_FOUND");
  });

  it("a group room's owner who leaves or is removed keeps no power over it: NOT_FOUND everywhere, no token, and the room passes to an admin", async () => {
    const refusedEverywhere = async (who: TestUser, roomId: string) => {
      await expectTrpcError(as(who).rooms.get({ roomId }), "NOT_FOUND");
      await expectTrpcError(as(who).rooms.join({ roomId }), "NOT_FOUND");
      await expectTrpcError(as(who).rooms.sessions({ roomId }), "NOT_FOUND");
      await expectTrpcError(as(who).rooms.setE2ee({ roomId, on: true }), "NOT_FOUND");
      await expectTrpcError(as(who).rooms.reportPresence({ roomId, joined: true }), "NOT_FOUND");
      expect((await deps.db.room.findUniqueOrThrow({ where: { id: roomId }, select: { e2ee: true } })).e2ee).toBe(
        false,
      );
    };

    // Leaves: the owner (the group's creator) walks out; the remaining member is made admin and owns the room.
    const left = await group();
    const room = await as(left.admin).rooms.forConversation({ conversationId: left.conversationId });
    expect(room.owner.id).toBe(left.admin.id);
    await as(left.admin).chat.leave({ conversationId: left.conversationId });
    await refusedEverywhere(left.admin, room.id);
    const afterLeave = await as(left.member).rooms.get({ roomId: room.id });
    expect(afterLeave).toMatchObject({ owner: { id: left.member.id }, access: { role: "owner" } });
    expect(
      (await prosodyAccepts((await as(left.member).rooms.join({ roomId: room.id })).jwt)).context.user,
    ).toMatchObject({ moderator: true });

    // Removed: another admin removes the owner; the room passes to that admin, not to a plain member.
    const removed = await group();
    const plain = await createUser();
    await makeFriends(removed.admin, plain);
    await as(removed.admin).chat.addMembers({ conversationId: removed.conversationId, userIds: [plain.id] });
    await deps.db.conversationMember.update({
      where: { conversationId_userId: { conversationId: removed.conversationId, userId: plain.id } },
      data: { role: "ADMIN" },
    });
    const room2 = await as(removed.admin).rooms.forConversation({ conversationId: removed.conversationId });
    await as(plain).chat.removeMember({ conversationId: removed.conversationId, userId: removed.admin.id });
    await refusedEverywhere(removed.admin, room2.id);
    expect(await as(removed.member).rooms.get({ roomId: room2.id })).toMatchObject({
      owner: { id: plain.id },
      access: { role: "participant" },
    });
  });

  it("people who lose access mid-call are told to leave, and the room's moderators who may still be there", async () => {
    /** A call going on now, with these people in it (as the event webhook records it). */
    const liveWith = (roomId: string, ...people: TestUser[]) =>
      deps.db.roomSession.create({
        data: {
          roomId,
          startedAt: new Date(),
          participants: {
            create: people.map((p) => ({
              userId: p.id,
              occupantJid: `${p.id}@meet.jitsi/r`,
              displayName: p.displayName,
              joinedAt: new Date(),
            })),
          },
        },
      });
    const eventsOf = (events: Awaited<ReturnType<typeof heardBy>>) =>
      events.filter((e) => e.type.startsWith("room.access"));

    // Removed from the group while in its call: they leave; the admin hears they may still be there.
    const { admin, member, conversationId } = await group();
    const room = await as(admin).rooms.forConversation({ conversationId });
    await liveWith(room.id, admin, member);
    let toAdmin: Awaited<ReturnType<typeof heardBy>> = [];
    const toMember = await heardBy(member.id, async () => {
      toAdmin = await heardBy(admin.id, () => as(admin).chat.removeMember({ conversationId, userId: member.id }));
    });
    expect(eventsOf(toMember)).toEqual([{ type: "room.access-ended", roomId: room.id, reason: "removed" }]);
    expect(eventsOf(toAdmin)).toEqual([
      {
        type: "room.access-warning",
        roomId: room.id,
        reason: "removed",
        people: [{ id: member.id, displayName: member.displayName }],
      },
    ]);

    // Blocked by a profile room's owner while in it: the blocked person leaves, the owner is warned. The owner, in the
    // blocked person's live room, leaves it too, and the blocked person is not told about that.
    const [owner, friend] = await Promise.all([createUser(), createUser()]);
    await makeFriends(owner, friend);
    const ownersRoom = await as(owner).rooms.forProfile({ userId: owner.id });
    const friendsRoom = await as(friend).rooms.forProfile({ userId: friend.id });
    await liveWith(ownersRoom.id, owner, friend);
    await liveWith(friendsRoom.id, friend, owner);
    let toOwner: Awaited<ReturnType<typeof heardBy>> = [];
    const toFriend = await heardBy(friend.id, async () => {
      toOwner = await heardBy(owner.id, () => as(owner).friends.block({ userId: friend.id }));
    });
    expect(eventsOf(toFriend)).toEqual([{ type: "room.access-ended", roomId: ownersRoom.id, reason: "blocked" }]);
    expect(eventsOf(toOwner)).toEqual([
      {
        type: "room.access-warning",
        roomId: ownersRoom.id,
        reason: "blocked",
        people: [{ id: friend.id, displayName: friend.displayName }],
      },
      { type: "room.access-ended", roomId: friendsRoom.id, reason: "blocked" },
    ]);

    // A meeting cancelled: every invitee (and the owner's other devices) leaves.
    const [host, invitee] = await Promise.all([createUser(), createUser()]);
    await makeFriends(host, invitee);
    const meeting = await as(host).rooms.createMeeting({
      title: "Plans",
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      inviteeIds: [invitee.id],
    });
    const toInvitee = await heardBy(invitee.id, () => as(host).rooms.cancelMeeting({ roomId: meeting.id }));
    expect(eventsOf(toInvitee)).toEqual([{ type: "room.access-ended", roomId: meeting.id, reason: "cancelled" }]);
  });

  it("a profile room follows the owner's room setting: friends walk in, friends of friends knock, strangers and blocked people are refused", async () => {
    const [owner, friend, friendOfFriend, stranger] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser({ profileVisibility: "EVERYONE" }),
    ]);
    await makeFriends(owner, friend);
    await makeFriends(friend, friendOfFriend);
    await deps.db.user.update({
      where: { id: owner.id },
      data: { profileVisibility: "FRIENDS_OF_FRIENDS", roomPolicy: "FRIENDS" },
    });
    const room = await as(friend).rooms.forProfile({ userId: owner.id });
    expect(room).toMatchObject({ kind: "PROFILE", owner: { id: owner.id }, access: { entry: "direct" } });

    const knock = await as(friendOfFriend).rooms.join({ roomId: room.id });
    expect(knock).toMatchObject({ access: { entry: "lobby", role: "participant" }, lobby: true });
    expect((await prosodyAccepts(knock.jwt)).context.user.lobby_bypass).toBe(false);
    expect(
      (await prosodyAccepts((await as(friend).rooms.join({ roomId: room.id })).jwt)).context.user.lobby_bypass,
    ).toBe(true);
    expect((await as(owner).rooms.join({ roomId: room.id })).access).toMatchObject({ role: "owner", entry: "direct" });

    await expectTrpcError(as(stranger).rooms.forProfile({ userId: owner.id }), "NOT_FOUND");
    await expectTrpcError(as(stranger).rooms.join({ roomId: room.id }), "NOT_FOUND");
    await as(owner).friends.block({ userId: friend.id });
    await expectTrpcError(as(friend).rooms.join({ roomId: room.id }), "NOT_FOUND");
    await expectTrpcError(as(friend).rooms.get({ roomId: room.id }), "NOT_FOUND");
  });

  it("a profile room's attendance: the owner and hosts see every session, anyone else only the sessions they were in", async () => {
    const [owner, host, friend, friendOfFriend] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser(),
    ]);
    await makeFriends(owner, friend);
    await makeFriends(owner, host);
    await makeFriends(friend, friendOfFriend);
    await deps.db.user.update({
      where: { id: owner.id },
      data: { profileVisibility: "FRIENDS_OF_FRIENDS", roomPolicy: "FRIENDS" },
    });
    const room = await as(friend).rooms.forProfile({ userId: owner.id });
    await deps.db.roomHost.create({ data: { roomId: room.id, userId: host.id } });
    // Two past sessions, as the event webhook would have recorded them: the friend was only in the first.
    const t = Date.now() - 3 * 3600_000;
    const stay = (userId: string, startMin: number) => ({
      userId,
      occupantJid: `${userId}@meet.jitsi/x`,
      displayName: "x",
      joinedAt: new Date(t + startMin * 60_000),
      leftAt: new Date(t + (startMin + 5) * 60_000),
    });
    const first = await deps.db.roomSession.create({
      data: {
        roomId: room.id,
        startedAt: new Date(t),
        endedAt: new Date(t + 10 * 60_000),
        participants: { create: [stay(owner.id, 0), stay(friend.id, 1)] },
      },
    });
    const second = await deps.db.roomSession.create({
      data: {
        roomId: room.id,
        startedAt: new Date(t + 60 * 60_000),
        endedAt: new Date(t + 70 * 60_000),
        participants: { create: [stay(owner.id, 60), stay(host.id, 61)] },
      },
    });

    const seen = async (who: TestUser) => (await as(who).rooms.sessions({ roomId: room.id })).items.map((s) => s.id);
    expect(await seen(owner)).toEqual([second.id, first.id]);
    expect(await seen(host)).toEqual([second.id, first.id]);
    expect(await seen(friend)).toEqual([first.id]);
    // A friend of a friend may knock at the room, but its history is none of her business.
    expect((await as(friendOfFriend).rooms.get({ roomId: room.id })).access.entry).toBe("lobby");
    expect(await seen(friendOfFriend)).toEqual([]);
  });

  it("meetings: friends only as invitees; invitees enter until the invitation expires; a cancelled meeting admits nobody", async () => {
    const [owner, invitee, host, notFriend] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser(),
    ]);
    await makeFriends(owner, invitee);
    await makeFriends(owner, host);
    const startsAt = new Date(Date.now() + 3600_000).toISOString();
    const endsAt = new Date(Date.now() + 7200_000).toISOString();
    await expectTrpcError(
      as(owner).rooms.createMeeting({ title: "Plans", startsAt, endsAt, inviteeIds: [notFriend.id] }),
      "BAD_REQUEST",
      /only your friends/,
    );
    const meeting = await as(owner).rooms.createMeeting({
      title: "Plans",
      description: "Where to go",
      startsAt,
      endsAt,
      inviteeIds: [invitee.id],
      hostIds: [host.id],
    });
    expect(meeting).toMatchObject({ kind: "MEETING", title: "Plans", startsAt, endsAt, access: { role: "owner" } });
    expect((await as(host).rooms.join({ roomId: meeting.id })).access.role).toBe("host");
    expect((await as(invitee).rooms.join({ roomId: meeting.id })).access.role).toBe("participant");
    expect((await as(invitee).rooms.upcoming()).map((m) => m.id)).toContain(meeting.id);
    // Invitees (hosts included) are told, with a link to the meeting.
    expect((await as(invitee).notifications.list({})).items[0]).toMatchObject({
      kind: "MEETING_INVITE",
      roomId: meeting.id,
      actor: { id: owner.id },
    });
    expect(
      await deps.db.notification.count({ where: { userId: host.id, kind: "MEETING_INVITE", roomId: meeting.id } }),
    ).toBe(1);
    await expectTrpcError(as(notFriend).rooms.join({ roomId: meeting.id }), "NOT_FOUND");

    await deps.db.roomInvite.update({
      where: { roomId_userId: { roomId: meeting.id, userId: invitee.id } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectTrpcError(as(invitee).rooms.join({ roomId: meeting.id }), "NOT_FOUND");
    expect((await as(invitee).rooms.upcoming()).map((m) => m.id)).not.toContain(meeting.id);

    await expectTrpcError(as(host).rooms.cancelMeeting({ roomId: meeting.id }), "FORBIDDEN");
    await as(owner).rooms.cancelMeeting({ roomId: meeting.id });
    await expectTrpcError(as(owner).rooms.join({ roomId: meeting.id }), "NOT_FOUND");
    await expectTrpcError(as(host).rooms.join({ roomId: meeting.id }), "NOT_FOUND");
  });

  it("validates meetings at the edge", async () => {
    const owner = await createUser();
    const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    await expectTrpcError(as(owner).rooms.createMeeting({ title: " ", startsAt: at(1), endsAt: at(2) }), "BAD_REQUEST");
    await expectTrpcError(
      as(owner).rooms.createMeeting({ title: "x".repeat(121), startsAt: at(1), endsAt: at(2) }),
      "BAD_REQUEST",
    );
    await expectTrpcError(
      as(owner).rooms.createMeeting({ title: "Backwards", startsAt: at(2), endsAt: at(1) }),
      "BAD_REQUEST",
      /end after it starts/,
    );
    await expectTrpcError(
      as(owner).rooms.createMeeting({ title: "Marathon", startsAt: at(1), endsAt: at(30) }),
      "BAD_REQUEST",
      /24 hours/,
    );
    await expectTrpcError(
      as(owner).rooms.createMeeting({ title: "When?", startsAt: "tomorrow", endsAt: at(1) }),
      "BAD_REQUEST",
    );
    // Control characters would end a line of the meeting's .ics early (a forged property): refused, nothing stored.
    const before = await deps.db.room.count({ where: { ownerId: owner.id } });
    await expectTrpcError(
      as(owner).rooms.createMeeting({
        title: "Plans\r\nATTENDEE:mailto:x@evil.example",
        startsAt: at(1),
        endsAt: at(2),
      }),
      "BAD_REQUEST",
      /control characters/,
    );
    await expectTrpcError(
      as(owner).rooms.createMeeting({ title: "Bell\u0007", startsAt: at(1), endsAt: at(2) }),
      "BAD_REQUEST",
      /control characters/,
    );
    await expectTrpcError(
      as(owner).rooms.createMeeting({ title: "Plans", description: "ok\rATTENDEE:x", startsAt: at(1), endsAt: at(2) }),
      "BAD_REQUEST",
      /control characters/,
    );
    expect(await deps.db.room.count({ where: { ownerId: owner.id } })).toBe(before);
    // Line breaks in a description are fine (escaped as \n in the .ics, which reads back the same).
    const meeting = await as(owner).rooms.createMeeting({
      title: "Plans; food, 🎉",
      description: "Line one\nLine two",
      startsAt: at(1),
      endsAt: at(2),
    });
    expect(meeting.description).toBe("Line one\nLine two");
    const event = new ICAL.Event(
      new ICAL.Component(
        ICAL.parse(meetingIcs(await getRoom(deps, owner.id, meeting.id), "https://hearth.example")),
      ).getFirstSubcomponent("vevent")!,
    );
    expect([event.uid, event.summary, event.description]).toEqual([
      `${meeting.id}@hearth`,
      "Plans; food, 🎉",
      `Line one\nLine two\n\nJoin: https://hearth.example/rooms/${meeting.id}`,
    ]);
    // iCalendar times have whole seconds.
    const seconds = (iso: string | null) => Math.floor(Date.parse(iso!) / 1000);
    expect([event.startDate.toUnixTime(), event.endDate.toUnixTime()]).toEqual([
      seconds(meeting.startsAt),
      seconds(meeting.endsAt),
    ]);
  });

  it("end-to-end encryption: hosts switch it; recording is then granted to nobody", async () => {
    const { admin, member, conversationId } = await group();
    const room = await as(admin).rooms.forConversation({ conversationId });
    await expectTrpcError(as(member).rooms.setE2ee({ roomId: room.id, on: true }), "FORBIDDEN");
    expect((await as(admin).rooms.setE2ee({ roomId: room.id, on: true })).e2ee).toBe(true);
    const ticket = await as(admin).rooms.join({ roomId: room.id });
    expect(ticket).toMatchObject({
      e2ee: true,
      access: { mayRecord: false },
      configOverwrite: { fileRecordingsEnabled: false },
    });
    expect((await prosodyAccepts(ticket.jwt)).context.features.recording).toBe(false);
  });

  it("a full room admits only its hosts", async () => {
    const { admin, member, conversationId } = await group();
    const room = await as(admin).rooms.forConversation({ conversationId });
    await deps.db.jitsiSettings.upsert({
      where: { id: 1 },
      create: { id: 1, maxParticipants: 2 },
      update: { maxParticipants: 2 },
    });
    try {
      const session = await deps.db.roomSession.create({ data: { roomId: room.id, startedAt: new Date() } });
      await deps.db.roomParticipant.createMany({
        data: ["a", "b"].map((n) => ({
          sessionId: session.id,
          userId: `someone-${n}`,
          occupantJid: `${n}@muc`,
          joinedAt: new Date(),
        })),
      });
      await expectTrpcError(as(member).rooms.join({ roomId: room.id }), "CONFLICT", /full/);
      expect((await as(admin).rooms.join({ roomId: room.id })).access.role).toBe("owner");
    } finally {
      await deps.db.jitsiSettings.update({ where: { id: 1 }, data: { maxParticipants: 50 } });
    }
  });

  it("the meeting page's joined/left sets 'in a call' for friends; outsiders cannot report presence in a room", async () => {
    const { admin, member, outsider, conversationId } = await group();
    const room = await as(member).rooms.forConversation({ conversationId });
    await connect(deps, member.id);
    await as(member).rooms.reportPresence({ roomId: room.id, joined: true });
    expect((await presenceOf(deps.redis, [member.id])).get(member.id)?.status).toBe("in-call");
    expect((await as(admin).presence.friends())[member.id]?.status).toBe("in-call");
    await as(member).rooms.reportPresence({ roomId: room.id, joined: false });
    expect((await presenceOf(deps.redis, [member.id])).get(member.id)?.status).toBe("online");
    await expectTrpcError(as(outsider).rooms.reportPresence({ roomId: room.id, joined: true }), "NOT_FOUND");
  });

  it("a group's call state for a page opened mid-call: live and who is in, for members only", async () => {
    const { admin, member, outsider, conversationId } = await group();
    expect(await as(member).rooms.groupCallState({ conversationId })).toEqual({
      roomId: null,
      live: false,
      participantIds: [],
    });
    const room = await as(admin).rooms.forConversation({ conversationId });
    const session = await deps.db.roomSession.create({ data: { roomId: room.id, startedAt: new Date() } });
    await deps.db.roomParticipant.create({
      data: { sessionId: session.id, userId: admin.id, occupantJid: "admin@muc/1", joinedAt: new Date() },
    });
    expect(await as(member).rooms.groupCallState({ conversationId })).toEqual({
      roomId: room.id,
      live: true,
      participantIds: [admin.id],
    });
    await expectTrpcError(as(outsider).rooms.groupCallState({ conversationId }), "NOT_FOUND");
  });

  it("ends sessions whose 'room destroyed' was lost: empty ones after 15 minutes, any after a day", async () => {
    const { admin, member, conversationId } = await group();
    const room = await as(admin).rooms.forConversation({ conversationId });
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    // Everyone left 20 minutes ago, but the room was never reported destroyed.
    const empty = await deps.db.roomSession.create({ data: { roomId: room.id, startedAt: minutesAgo(60) } });
    await deps.db.roomParticipant.create({
      data: {
        sessionId: empty.id,
        userId: admin.id,
        occupantJid: "a@muc/1",
        joinedAt: minutesAgo(60),
        leftAt: minutesAgo(20),
      },
    });
    // Someone is still in a recent one: it stays open.
    const busy = await deps.db.roomSession.create({ data: { roomId: room.id, startedAt: minutesAgo(30) } });
    await deps.db.roomParticipant.create({
      data: { sessionId: busy.id, userId: member.id, occupantJid: "m@muc/1", joinedAt: minutesAgo(30) },
    });
    const memberHeard = await heardBy(member.id, () => endAbandonedSessions(deps));
    expect((await deps.db.roomSession.findUniqueOrThrow({ where: { id: empty.id } })).endedAt?.getTime()).toBeCloseTo(
      minutesAgo(20).getTime(),
      -4,
    );
    expect((await deps.db.roomSession.findUniqueOrThrow({ where: { id: busy.id } })).endedAt).toBeNull();
    expect(memberHeard.some((e) => e.type === "room.live")).toBe(true);
    expect(memberHeard.some((e) => e.type === "message.created" && e.message.body.startsWith("Group call"))).toBe(true);
    // A day later even an occupied session is closed, its stays with it.
    expect(await endAbandonedSessions(deps, Date.now() + 25 * 3600_000)).toBeGreaterThanOrEqual(1);
    expect(await deps.db.roomParticipant.findFirstOrThrow({ where: { sessionId: busy.id } })).toMatchObject({
      leftAt: expect.any(Date),
    });
  });

  it("says plainly when group calls are switched off (no JITSI_DOMAIN)", async () => {
    const { member, conversationId } = await group();
    const room = await as(member).rooms.forConversation({ conversationId });
    await expect(
      joinRoom({ ...deps, env: { ...deps.env, JITSI_DOMAIN: undefined } }, member.id, room.id),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("rate-limits joins", async () => {
    const { member, conversationId } = await group();
    const room = await as(member).rooms.forConversation({ conversationId });
    for (let i = 0; i < 60; i++) await as(member).rooms.join({ roomId: room.id });
    await expectTrpcError(as(member).rooms.join({ roomId: room.id }), "TOO_MANY_REQUESTS");
  });

  it("admins set the Jitsi defaults (audited); they feed tokens and configOverwrite; others are refused", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const { admin: owner, member, conversationId } = await group();
    await expectTrpcError(callerFor(member).admin.updateJitsiDefaults({ recordingPolicy: "EVERYONE" }), "FORBIDDEN");
    await expectTrpcError(
      callerFor({ id: admin.id, role: "ADMIN" }).admin.updateJitsiDefaults({ maxParticipants: 1 }),
      "BAD_REQUEST",
    );
    try {
      await callerFor({ id: admin.id, role: "ADMIN" }).admin.updateJitsiDefaults({
        recordingPolicy: "EVERYONE",
        startAudioMuted: true,
      });
      const room = await as(owner).rooms.forConversation({ conversationId });
      const ticket = await as(member).rooms.join({ roomId: room.id });
      expect(ticket.configOverwrite).toMatchObject({ startWithAudioMuted: true, fileRecordingsEnabled: true });
      expect((await prosodyAccepts(ticket.jwt)).context.features.recording).toBe(true);
      const audit = await deps.db.auditEvent.findFirst({
        where: { userId: admin.id, action: "admin.jitsi-settings-changed" },
        orderBy: { createdAt: "desc" },
      });
      expect(audit?.detail).toEqual({
        recordingPolicy: { from: "HOSTS", to: "EVERYONE" },
        startAudioMuted: { from: false, to: true },
      });
    } finally {
      await callerFor({ id: admin.id, role: "ADMIN" }).admin.updateJitsiDefaults({
        recordingPolicy: "HOSTS",
        startAudioMuted: false,
      });
    }
  });
});
