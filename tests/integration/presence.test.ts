import { describe, expect, it } from "vitest";
import { connect, friendsPresence, setAway, sweepExpiredPresence } from "@/server/services/presence/presence";
import { heardBy } from "../helpers/listen";
import { callerFor, createUser, makeFriends, testDeps } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();

describe("presence", () => {
  it("is online while any connection lives, offline with last seen when the last one closes", async () => {
    const [me, friend] = await Promise.all([createUser(), createUser()]);
    await makeFriends(me, friend);
    expect((await friendsPresence(deps, friend.id))[me.id]).toEqual({ status: "offline", lastSeenAt: null });
    const tab1 = await connect(deps, me.id);
    const tab2 = await connect(deps, me.id);
    expect((await friendsPresence(deps, friend.id))[me.id]!.status).toBe("online");
    await tab1.disconnect();
    expect((await friendsPresence(deps, friend.id))[me.id]!.status).toBe("online");
    const before = Date.now();
    await tab2.disconnect();
    const after = (await friendsPresence(deps, friend.id))[me.id]!;
    expect(after.status).toBe("offline");
    expect(after.lastSeenAt).toBeGreaterThanOrEqual(before);
  });

  it("tells friends live when the status changes, and only friends", async () => {
    const [me, friend, stranger] = await Promise.all([createUser(), createUser(), createUser()]);
    await makeFriends(me, friend);
    let session!: Awaited<ReturnType<typeof connect>>;
    const friendHeard = await heardBy(friend.id, async () => {
      const strangerHeard = await heardBy(stranger.id, async () => {
        session = await connect(deps, me.id);
        await connect(deps, me.id); // a second tab changes nothing
        await setAway(deps, me.id, true);
        await setAway(deps, me.id, false);
      });
      expect(strangerHeard).toEqual([]);
    });
    expect(friendHeard.map((e) => (e.type === "presence" ? e.status : e.type))).toEqual(["online", "away", "online"]);
    expect(friendHeard[0]).toMatchObject({ type: "presence", userId: me.id });
    await session.disconnect();
  });

  it("is not visible to people who are not friends", async () => {
    const [me, stranger] = await Promise.all([createUser(), createUser()]);
    await connect(deps, me.id);
    expect(await callerFor(stranger).presence.friends()).not.toHaveProperty(me.id);
  });

  it("expires connections whose heartbeat stopped, and the sweep tells friends", async () => {
    const [me, friend] = await Promise.all([createUser(), createUser()]);
    await makeFriends(me, friend);
    await connect(deps, me.id);
    // The process holding that connection dies: its heartbeat stops, and its expiry passes.
    const past = Date.now() - 1000;
    for (const connection of await deps.redis.zrange(`presence:conns:${me.id}`, "0", "-1"))
      await deps.redis.zadd(`presence:conns:${me.id}`, String(past), connection);
    await deps.redis.zadd("presence:online", String(past), me.id);
    const heard = await heardBy(friend.id, async () => {
      expect(await sweepExpiredPresence(deps)).toBeGreaterThanOrEqual(1);
    });
    expect(heard).toContainEqual(expect.objectContaining({ type: "presence", userId: me.id, status: "offline" }));
    expect((await friendsPresence(deps, friend.id))[me.id]!.status).toBe("offline");
  });
});

describe("typing indicators", () => {
  it("reach the other members only, and outsiders get NOT_FOUND", async () => {
    const [a, b, outsider] = await Promise.all([createUser(), createUser(), createUser()]);
    await makeFriends(a, b);
    const { conversationId } = await callerFor(a).chat.openDirect({ userId: b.id });
    const heardByB = await heardBy(b.id, () => callerFor(a).chat.typing({ conversationId }));
    expect(heardByB).toEqual([{ type: "typing", conversationId, userId: a.id }]);
    const heardByA = await heardBy(a.id, () => callerFor(a).chat.typing({ conversationId }));
    expect(heardByA).toEqual([]);
    await expectTrpcError(callerFor(outsider).chat.typing({ conversationId }), "NOT_FOUND");
  });
});
