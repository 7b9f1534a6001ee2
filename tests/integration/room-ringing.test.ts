import { describe, expect, it } from "vitest";
import { connect } from "@/server/services/presence/presence";
import type { UserEvent } from "@/server/services/realtime/events";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { heardBy } from "../helpers/listen";

const deps = testDeps();
const as = (u: TestUser) => callerFor(u);
const online = async (...users: TestUser[]) => void (await Promise.all(users.map((u) => connect(deps, u.id))));
const rang = (events: UserEvent[]) => events.filter((e) => e.type === "room.ringing");

describe("group calls ring", () => {
  it("starting a call in a group rings the online members who can take it, not the rest", async () => {
    const [ada, bob, carol, dave, erin, fay] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser(),
      createUser(),
      createUser(),
    ]);
    for (const u of [bob, carol, dave, erin, fay]) await makeFriends(ada, u);
    const { conversationId } = await as(ada).chat.createGroup({
      name: "Climbing",
      memberIds: [bob.id, carol.id, dave.id, erin.id, fay.id],
    });
    await online(ada, bob, dave, erin, fay); // carol is offline
    await as(dave).chat.setPreferences({ conversationId, muted: true });
    await as(erin).calls.updateSettings({
      doNotDisturbUntil: new Date(Date.now() + 3600_000).toISOString(),
      quietHours: null,
      timeZone: "UTC",
    });
    await makeFriends(fay, bob);
    await as(fay).calls.start({ calleeId: bob.id, deviceId: "fay-device-01" }); // bob is now ringing for fay's call: busy

    const heard: Record<string, UserEvent[]> = {};
    let result!: Awaited<ReturnType<ReturnType<typeof as>["rooms"]["startGroupCall"]>>;
    const listen = (u: TestUser, during: () => Promise<unknown>) =>
      heardBy(u.id, during).then((events) => (heard[u.id] = events));
    await listen(bob, () =>
      listen(carol, () =>
        listen(dave, () => listen(erin, async () => (result = await as(ada).rooms.startGroupCall({ conversationId })))),
      ),
    );
    expect(result.room).toMatchObject({ kind: "GROUP", conversationId, access: { role: "owner" } });
    expect(result.rang).toBe(0);
    for (const u of [bob, carol, dave, erin]) expect(rang(heard[u.id]!)).toEqual([]);

    // Once Bob is free he rings, with who is calling and which room.
    await as(fay).calls.hangUp({ callId: (await as(fay).calls.active())!.call.id });
    const bobHeard = await heardBy(bob.id, () => as(ada).rooms.startGroupCall({ conversationId }));
    expect(rang(bobHeard)).toEqual([
      {
        type: "room.ringing",
        room: { id: result.room.id, kind: "GROUP", title: "Climbing", conversationId },
        caller: expect.objectContaining({ id: ada.id }),
      },
    ]);
  });

  it("only members may start a group call", async () => {
    const [ada, bob, eve] = await Promise.all([createUser(), createUser(), createUser()]);
    await makeFriends(ada, bob);
    const { conversationId } = await as(ada).chat.createGroup({ name: "Private", memberIds: [bob.id] });
    await expectTrpcError(as(eve).rooms.startGroupCall({ conversationId }), "NOT_FOUND");
  });
});

describe("adding people to a 1:1 call", () => {
  async function inCall() {
    const [ada, bob, carol] = await Promise.all([createUser(), createUser(), createUser()]);
    await makeFriends(ada, bob);
    await makeFriends(ada, carol);
    await online(ada, bob, carol);
    const call = await as(ada).calls.start({ calleeId: bob.id, deviceId: "ada-device-01" });
    await as(bob).calls.accept({ callId: call.id, deviceId: "bob-device-01" });
    return { ada, bob, carol, callId: call.id };
  }

  it("moves both parties into a new room (both hosts), rings the friends added, and ends the direct call", async () => {
    const { ada, bob, carol, callId } = await inCall();
    let result!: Awaited<ReturnType<ReturnType<typeof as>["rooms"]["addPeopleToCall"]>>;
    const carolHeard = await heardBy(carol.id, async () => {
      const bobHeard = await heardBy(
        bob.id,
        async () => (result = await as(ada).rooms.addPeopleToCall({ callId, userIds: [carol.id] })),
      );
      expect(bobHeard).toContainEqual({ type: "room.moved", callId, roomId: result.room.id });
    });
    expect(result).toMatchObject({ rang: 1, room: { kind: "CALL", access: { role: "owner" } } });
    expect(rang(carolHeard)).toHaveLength(1);
    expect((await deps.db.call.findUniqueOrThrow({ where: { id: callId } })).status).toBe("ENDED");
    expect((await as(bob).rooms.join({ roomId: result.room.id })).access.role).toBe("host");
    expect((await as(carol).rooms.join({ roomId: result.room.id })).access.role).toBe("participant");
  });

  it("refuses outsiders, calls not in progress, and people who are not friends", async () => {
    const { ada, bob, carol, callId } = await inCall();
    const stranger = await createUser();
    await expectTrpcError(as(carol).rooms.addPeopleToCall({ callId, userIds: [ada.id] }), "NOT_FOUND");
    await expectTrpcError(
      as(ada).rooms.addPeopleToCall({ callId, userIds: [stranger.id] }),
      "BAD_REQUEST",
      /only your friends/,
    );
    await expectTrpcError(
      as(ada).rooms.addPeopleToCall({ callId, userIds: [bob.id] }),
      "BAD_REQUEST",
      /Choose someone/,
    );
    await expectTrpcError(as(ada).rooms.addPeopleToCall({ callId, userIds: [] }), "BAD_REQUEST");
    await as(bob).calls.hangUp({ callId });
    await expectTrpcError(as(ada).rooms.addPeopleToCall({ callId, userIds: [carol.id] }), "CONFLICT");
  });
});
