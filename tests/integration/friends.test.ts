import { describe, expect, it } from "vitest";
import { type AppError } from "@/server/errors";
import { callerFor, createUser, freshIp, makeFriends, testDeps, unique, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { expectRefusedUnchanged } from "../helpers/refusals";

const deps = testDeps();
const as = (user: TestUser) => callerFor(user, freshIp());

async function friendIdsOf(user: TestUser): Promise<string[]> {
  return (await as(user).friends.list()).friends.map((f) => f.id).sort();
}
async function areFriends(a: TestUser, b: TestUser): Promise<boolean> {
  const rows = await deps.db.friendship.count({
    where: {
      OR: [
        { userId: a.id, friendId: b.id },
        { userId: b.id, friendId: a.id },
      ],
    },
  });
  expect([0, 2], "friendships are stored as two rows, or none").toContain(rows);
  return rows === 2;
}
const requestsBetween = (a: TestUser, b: TestUser) =>
  deps.db.friendRequest.count({
    where: {
      OR: [
        { senderId: a.id, recipientId: b.id },
        { senderId: b.id, recipientId: a.id },
      ],
    },
  });

describe("sending and answering friend requests", () => {
  it("sends a request, shows it on both sides, and accepting makes both friends with mutual-friend counts", async () => {
    const tag = unique("");
    const alice = await createUser({ displayName: `Alice ${tag}` });
    const bob = await createUser({ displayName: `Bob ${tag}` });
    const carol = await createUser({ displayName: `Carol ${tag}` });
    await makeFriends(alice, carol);
    await makeFriends(bob, carol);

    const sent = await as(alice).friends.sendRequest({ userId: bob.id });
    expect(sent).toEqual({ status: "requested", requestId: expect.any(String) });
    const requestId = sent.status === "requested" ? sent.requestId : "";

    const bobsRequests = await as(bob).friends.requests();
    expect(bobsRequests.outgoing).toEqual([]);
    expect(bobsRequests.incoming).toEqual([
      {
        id: requestId,
        createdAt: expect.any(Date),
        user: { id: alice.id, username: alice.username, displayName: alice.displayName, avatarUrl: null },
      },
    ]);
    const alicesRequests = await as(alice).friends.requests();
    expect(alicesRequests.incoming).toEqual([]);
    expect(alicesRequests.outgoing).toEqual([
      {
        id: requestId,
        createdAt: expect.any(Date),
        user: { id: bob.id, username: bob.username, displayName: bob.displayName, avatarUrl: null },
      },
    ]);

    await as(bob).friends.acceptRequest({ requestId });

    expect(await areFriends(alice, bob)).toBe(true);
    expect(await requestsBetween(alice, bob)).toBe(0);
    expect(await as(bob).friends.requests()).toEqual({ incoming: [], outgoing: [] });
    expect(await as(alice).friends.requests()).toEqual({ incoming: [], outgoing: [] });

    // Alphabetical by display name; Carol is a friend both share.
    const alicesList = await as(alice).friends.list();
    expect(alicesList.nextCursor).toBeNull();
    expect(alicesList.friends).toEqual([
      {
        id: bob.id,
        username: bob.username,
        displayName: bob.displayName,
        avatarUrl: null,
        since: expect.any(Date),
        mutualFriends: 1,
      },
      {
        id: carol.id,
        username: carol.username,
        displayName: carol.displayName,
        avatarUrl: null,
        since: expect.any(Date),
        mutualFriends: 1,
      },
    ]);
    const bobsList = await as(bob).friends.list();
    expect(bobsList.friends.map((f) => [f.id, f.mutualFriends])).toEqual([
      [alice.id, 1],
      [carol.id, 1],
    ]);
  });

  it("counts no mutual friends when none are shared", async () => {
    const [a, b] = [await createUser(), await createUser()];
    await makeFriends(a, b);
    expect((await as(a).friends.list()).friends).toEqual([expect.objectContaining({ id: b.id, mutualFriends: 0 })]);
  });

  it("accepts the other person's pending request when they had already asked", async () => {
    const [a, b] = [await createUser(), await createUser()];
    await as(b).friends.sendRequest({ userId: a.id });
    expect(await as(a).friends.sendRequest({ userId: b.id })).toEqual({ status: "friends" });
    expect(await areFriends(a, b)).toBe(true);
    expect(await requestsBetween(a, b)).toBe(0);
  });

  it("refuses a duplicate request, and a request to a friend, with CONFLICT and changes nothing", async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    await as(a).friends.sendRequest({ userId: b.id });
    await expectRefusedUnchanged(
      [a.id, b.id],
      () => as(a).friends.sendRequest({ userId: b.id }),
      "CONFLICT",
      /already sent/,
    );
    await makeFriends(a, c);
    await expectRefusedUnchanged(
      [a.id, c.id],
      () => as(a).friends.sendRequest({ userId: c.id }),
      "CONFLICT",
      /already friends/,
    );
    await expectRefusedUnchanged(
      [a.id, c.id],
      () => as(c).friends.sendRequest({ userId: a.id }),
      "CONFLICT",
      /already friends/,
    );
  });

  it("answers a request to yourself or to an unknown id with the same NOT_FOUND", async () => {
    const a = await createUser();
    const self = await expectRefusedUnchanged([a.id], () => as(a).friends.sendRequest({ userId: a.id }), "NOT_FOUND");
    const ghost = await expectTrpcError(as(a).friends.sendRequest({ userId: unique("nobody") }), "NOT_FOUND");
    expect(self.message).toBe(ghost.message);
  });

  it("lets the sender cancel their own request", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const sent = await as(a).friends.sendRequest({ userId: b.id });
    if (sent.status !== "requested") throw new Error("expected a pending request");
    await as(a).friends.cancelRequest({ requestId: sent.requestId });
    expect(await requestsBetween(a, b)).toBe(0);
    expect(await as(b).friends.requests()).toEqual({ incoming: [], outgoing: [] });
    await expectTrpcError(as(a).friends.cancelRequest({ requestId: sent.requestId }), "NOT_FOUND");
  });

  it("lets the recipient decline: the request goes and no friendship is made", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const sent = await as(a).friends.sendRequest({ userId: b.id });
    if (sent.status !== "requested") throw new Error("expected a pending request");
    await as(b).friends.declineRequest({ requestId: sent.requestId });
    expect(await requestsBetween(a, b)).toBe(0);
    expect(await areFriends(a, b)).toBe(false);
    expect((await as(b).friends.requests()).incoming).toEqual([]);
    await expectTrpcError(as(b).friends.acceptRequest({ requestId: sent.requestId }), "NOT_FOUND");
  });

  it("treats someone else's request as not found for cancel, accept and decline, and changes nothing", async () => {
    const [sender, recipient, outsider] = [await createUser(), await createUser(), await createUser()];
    const sent = await as(sender).friends.sendRequest({ userId: recipient.id });
    if (sent.status !== "requested") throw new Error("expected a pending request");
    const ids = [sender.id, recipient.id, outsider.id];
    const { requestId } = sent;
    const unknown = await expectTrpcError(
      as(outsider).friends.acceptRequest({ requestId: unique("req") }),
      "NOT_FOUND",
    );

    for (const refused of [
      () => as(outsider).friends.cancelRequest({ requestId }),
      () => as(outsider).friends.acceptRequest({ requestId }),
      () => as(outsider).friends.declineRequest({ requestId }),
      // Only the sender may cancel, only the recipient may accept or decline.
      () => as(recipient).friends.cancelRequest({ requestId }),
      () => as(sender).friends.acceptRequest({ requestId }),
      () => as(sender).friends.declineRequest({ requestId }),
    ]) {
      const error = await expectRefusedUnchanged(ids, refused, "NOT_FOUND");
      expect(error.message, "no hint that the request exists").toBe(unknown.message);
    }
    expect(await requestsBetween(sender, recipient)).toBe(1);
  });
});

describe("unfriending", () => {
  it("removes the friendship both ways, after which either may ask again", async () => {
    const [a, b] = [await createUser(), await createUser()];
    await makeFriends(a, b);
    await as(a).friends.unfriend({ userId: b.id });
    expect(await areFriends(a, b)).toBe(false);
    expect(await friendIdsOf(a)).toEqual([]);
    expect(await friendIdsOf(b)).toEqual([]);
    expect(await as(b).friends.sendRequest({ userId: a.id })).toMatchObject({ status: "requested" });
  });

  it("answers unfriending a non-friend or an unknown id with NOT_FOUND and leaves other friendships alone", async () => {
    const [a, b, outsider] = [await createUser(), await createUser(), await createUser()];
    await makeFriends(a, b);
    await expectRefusedUnchanged(
      [a.id, b.id, outsider.id],
      () => as(outsider).friends.unfriend({ userId: a.id }),
      "NOT_FOUND",
    );
    await expectRefusedUnchanged(
      [a.id, b.id, outsider.id],
      () => as(outsider).friends.unfriend({ userId: unique("ghost") }),
      "NOT_FOUND",
    );
    // A pending request is not a friendship.
    await as(outsider).friends.sendRequest({ userId: b.id });
    await expectRefusedUnchanged(
      [b.id, outsider.id],
      () => as(outsider).friends.unfriend({ userId: b.id }),
      "NOT_FOUND",
    );
    expect(await areFriends(a, b)).toBe(true);
  });
});

describe("who may send a friend request", () => {
  it("FRIENDS: a stranger who can see the profile gets FORBIDDEN; so does a friend of a friend", async () => {
    const target = await createUser({ friendRequestPolicy: "FRIENDS" });
    const [stranger, mutual, fof] = [await createUser(), await createUser(), await createUser()];
    await makeFriends(target, mutual);
    await makeFriends(mutual, fof);
    await expectRefusedUnchanged(
      [target.id, stranger.id],
      () => as(stranger).friends.sendRequest({ userId: target.id }),
      "FORBIDDEN",
      /not accepting friend requests/,
    );
    await expectRefusedUnchanged(
      [target.id, fof.id],
      () => as(fof).friends.sendRequest({ userId: target.id }),
      "FORBIDDEN",
    );
  });

  it("NOBODY (with a profile only friends may see): a stranger gets the same NOT_FOUND as for an unknown id", async () => {
    const hidden = await createUser({ profileVisibility: "NOBODY", friendRequestPolicy: "NOBODY" });
    const friendsOnly = await createUser({ profileVisibility: "FRIENDS", friendRequestPolicy: "FRIENDS" });
    const stranger = await createUser();
    const ghost = await expectTrpcError(as(stranger).friends.sendRequest({ userId: unique("ghost") }), "NOT_FOUND");
    for (const target of [hidden, friendsOnly]) {
      const error = await expectRefusedUnchanged(
        [target.id, stranger.id],
        () => as(stranger).friends.sendRequest({ userId: target.id }),
        "NOT_FOUND",
      );
      expect(error.message).toBe(ghost.message);
    }
  });

  it("FRIENDS_OF_FRIENDS: a friend of a friend may ask, a stranger may not", async () => {
    const target = await createUser({ friendRequestPolicy: "FRIENDS_OF_FRIENDS" });
    const [mutual, fof, stranger] = [await createUser(), await createUser(), await createUser()];
    await makeFriends(target, mutual);
    await makeFriends(mutual, fof);
    await expectRefusedUnchanged(
      [target.id, stranger.id],
      () => as(stranger).friends.sendRequest({ userId: target.id }),
      "FORBIDDEN",
    );
    expect(await as(fof).friends.sendRequest({ userId: target.id })).toMatchObject({ status: "requested" });
    expect((await as(target).friends.requests()).incoming.map((r) => r.user.id)).toEqual([fof.id]);
  });

  it("FRIENDS_OF_FRIENDS with a friends-only profile: a stranger gets NOT_FOUND", async () => {
    const target = await createUser({ profileVisibility: "FRIENDS", friendRequestPolicy: "FRIENDS_OF_FRIENDS" });
    const stranger = await createUser();
    await expectRefusedUnchanged(
      [target.id, stranger.id],
      () => as(stranger).friends.sendRequest({ userId: target.id }),
      "NOT_FOUND",
    );
  });
});

describe("blocking", () => {
  it("ends a friendship, and pending requests in both directions, between the two", async () => {
    const [a, friend, requester, requested, both, bystander] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser(),
      createUser(),
      createUser(),
    ]);
    await makeFriends(a, friend);
    await makeFriends(a, bystander);
    await as(requester).friends.sendRequest({ userId: a.id });
    await as(a).friends.sendRequest({ userId: requested.id });
    // Requests both ways at once cannot be made through the API (the second accepts the first); insert them.
    await deps.db.friendRequest.createMany({
      data: [
        { senderId: a.id, recipientId: both.id },
        { senderId: both.id, recipientId: a.id },
      ],
    });

    await as(a).friends.block({ userId: friend.id });
    await as(requester).friends.block({ userId: a.id });
    await as(a).friends.block({ userId: requested.id });
    await as(a).friends.block({ userId: both.id });

    expect(await areFriends(a, friend)).toBe(false);
    expect(await requestsBetween(a, requester)).toBe(0);
    expect(await requestsBetween(a, requested)).toBe(0);
    expect(await requestsBetween(a, both)).toBe(0);
    expect(await friendIdsOf(a)).toEqual([bystander.id]);
    expect(await as(a).friends.requests()).toEqual({ incoming: [], outgoing: [] });
  });

  it("makes friend requests NOT_FOUND both ways, exactly as for an unknown id", async () => {
    const [blocker, blocked] = [await createUser(), await createUser()];
    await as(blocker).friends.block({ userId: blocked.id });
    const ghost = await expectTrpcError(as(blocked).friends.sendRequest({ userId: unique("ghost") }), "NOT_FOUND");
    const fromBlocked = await expectRefusedUnchanged(
      [blocker.id, blocked.id],
      () => as(blocked).friends.sendRequest({ userId: blocker.id }),
      "NOT_FOUND",
    );
    const fromBlocker = await expectRefusedUnchanged(
      [blocker.id, blocked.id],
      () => as(blocker).friends.sendRequest({ userId: blocked.id }),
      "NOT_FOUND",
    );
    expect(fromBlocked.message).toBe(ghost.message);
    expect(fromBlocker.message).toBe(ghost.message);
  });

  it("leaves nothing to act on afterwards: the old request and friendship are NOT_FOUND to both", async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    const sent = await as(a).friends.sendRequest({ userId: b.id });
    if (sent.status !== "requested") throw new Error("expected a pending request");
    await makeFriends(a, c);
    await as(b).friends.block({ userId: a.id });
    await as(c).friends.block({ userId: a.id });
    const ids = [a.id, b.id, c.id];
    await expectRefusedUnchanged(ids, () => as(b).friends.acceptRequest({ requestId: sent.requestId }), "NOT_FOUND");
    await expectRefusedUnchanged(ids, () => as(b).friends.declineRequest({ requestId: sent.requestId }), "NOT_FOUND");
    await expectRefusedUnchanged(ids, () => as(a).friends.cancelRequest({ requestId: sent.requestId }), "NOT_FOUND");
    await expectRefusedUnchanged(ids, () => as(a).friends.unfriend({ userId: c.id }), "NOT_FOUND");
    await expectRefusedUnchanged(ids, () => as(c).friends.unfriend({ userId: a.id }), "NOT_FOUND");
    expect(await friendIdsOf(a)).toEqual([]);
  });

  it("lists whom the caller blocked (and not who blocked them); blocking twice is harmless", async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    await as(a).friends.block({ userId: b.id });
    await as(a).friends.block({ userId: b.id });
    await as(c).friends.block({ userId: a.id });
    expect(await as(a).friends.blocked()).toEqual([
      { id: b.id, username: b.username, displayName: b.displayName, avatarUrl: null, blockedAt: expect.any(Date) },
    ]);
    expect(await as(b).friends.blocked()).toEqual([]);
    expect((await as(c).friends.blocked()).map((u) => u.id)).toEqual([a.id]);
  });

  it("unblocks only the caller's own block; anything else is NOT_FOUND and changes nothing", async () => {
    const [blocker, blocked, other] = [await createUser(), await createUser(), await createUser()];
    await as(blocker).friends.block({ userId: blocked.id });
    const ids = [blocker.id, blocked.id, other.id];
    await expectRefusedUnchanged(ids, () => as(blocked).friends.unblock({ userId: blocker.id }), "NOT_FOUND");
    await expectRefusedUnchanged(ids, () => as(blocker).friends.unblock({ userId: other.id }), "NOT_FOUND");
    await expectRefusedUnchanged(ids, () => as(other).friends.unblock({ userId: blocked.id }), "NOT_FOUND");
    await expectRefusedUnchanged(ids, () => as(blocker).friends.unblock({ userId: unique("ghost") }), "NOT_FOUND");

    await as(blocker).friends.unblock({ userId: blocked.id });
    expect(await as(blocker).friends.blocked()).toEqual([]);
    expect(await as(blocked).friends.sendRequest({ userId: blocker.id })).toMatchObject({ status: "requested" });
  });

  it("refuses blocking yourself (BAD_REQUEST) or an unknown id (NOT_FOUND)", async () => {
    const a = await createUser();
    await expectRefusedUnchanged([a.id], () => as(a).friends.block({ userId: a.id }), "BAD_REQUEST");
    await expectRefusedUnchanged([a.id], () => as(a).friends.block({ userId: unique("ghost") }), "NOT_FOUND");
  });
});

describe("listing friends", () => {
  it("pages 50 at a time with a cursor, without gaps or repeats", async () => {
    const me = await createUser();
    const friends = await Promise.all(Array.from({ length: 53 }, () => createUser()));
    await deps.db.friendship.createMany({
      data: friends.flatMap((f) => [
        { userId: me.id, friendId: f.id },
        { userId: f.id, friendId: me.id },
      ]),
    });
    const first = await as(me).friends.list();
    expect(first.friends).toHaveLength(50);
    expect(first.nextCursor).toBe(first.friends[49]!.id);
    const second = await as(me).friends.list({ cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const all = [...first.friends, ...second.friends];
    expect(all.map((f) => f.id).sort()).toEqual(friends.map((f) => f.id).sort());
    const expectedOrder = [...friends].sort((x, y) =>
      x.displayName < y.displayName ? -1 : x.displayName > y.displayName ? 1 : x.id < y.id ? -1 : 1,
    );
    expect(all.map((f) => f.id)).toEqual(expectedOrder.map((f) => f.id));
  });
});

describe("input validation", () => {
  const badIds = ["../x", "", "x".repeat(100), "a b", "a/b", "x';--"];
  const calls = {
    sendRequest: (u: TestUser, id: string) => as(u).friends.sendRequest({ userId: id }),
    cancelRequest: (u: TestUser, id: string) => as(u).friends.cancelRequest({ requestId: id }),
    acceptRequest: (u: TestUser, id: string) => as(u).friends.acceptRequest({ requestId: id }),
    declineRequest: (u: TestUser, id: string) => as(u).friends.declineRequest({ requestId: id }),
    unfriend: (u: TestUser, id: string) => as(u).friends.unfriend({ userId: id }),
    block: (u: TestUser, id: string) => as(u).friends.block({ userId: id }),
    unblock: (u: TestUser, id: string) => as(u).friends.unblock({ userId: id }),
    "list (cursor)": (u: TestUser, id: string) => as(u).friends.list({ cursor: id }),
  };

  it.each(Object.entries(calls))(
    "%s refuses malformed ids with BAD_REQUEST and changes nothing",
    async (_name, call) => {
      const [a, b] = [await createUser(), await createUser()];
      await makeFriends(a, b);
      for (const id of badIds) await expectRefusedUnchanged([a.id, b.id], () => call(a, id), "BAD_REQUEST");
    },
  );
});

describe("rate limiting", () => {
  it("refuses the 31st friend request in an hour with TOO_MANY_REQUESTS and when to retry, creating nothing", async () => {
    const sender = await createUser();
    const targets = await Promise.all(Array.from({ length: 31 }, () => createUser()));
    for (const target of targets.slice(0, 30))
      expect(await as(sender).friends.sendRequest({ userId: target.id })).toMatchObject({ status: "requested" });
    const last = targets[30]!;
    const error = await expectRefusedUnchanged(
      [sender.id, last.id],
      () => as(sender).friends.sendRequest({ userId: last.id }),
      "TOO_MANY_REQUESTS",
      /Try again in/,
    );
    expect((error.cause as AppError).retryAt).toBeGreaterThan(Date.now());
    // The limit is per sender: someone else can still ask the same person.
    const other = await createUser();
    expect(await as(other).friends.sendRequest({ userId: last.id })).toMatchObject({ status: "requested" });
  });
});

describe("access", () => {
  const procedures = {
    list: (c: ReturnType<typeof callerFor>) => c.friends.list(),
    requests: (c: ReturnType<typeof callerFor>) => c.friends.requests(),
    sendRequest: (c: ReturnType<typeof callerFor>, id: string) => c.friends.sendRequest({ userId: id }),
    cancelRequest: (c: ReturnType<typeof callerFor>, id: string) => c.friends.cancelRequest({ requestId: id }),
    acceptRequest: (c: ReturnType<typeof callerFor>, id: string) => c.friends.acceptRequest({ requestId: id }),
    declineRequest: (c: ReturnType<typeof callerFor>, id: string) => c.friends.declineRequest({ requestId: id }),
    unfriend: (c: ReturnType<typeof callerFor>, id: string) => c.friends.unfriend({ userId: id }),
    block: (c: ReturnType<typeof callerFor>, id: string) => c.friends.block({ userId: id }),
    unblock: (c: ReturnType<typeof callerFor>, id: string) => c.friends.unblock({ userId: id }),
    blocked: (c: ReturnType<typeof callerFor>) => c.friends.blocked(),
  };

  it.each(Object.entries(procedures))(
    "%s is UNAUTHORIZED signed out and FORBIDDEN to an admin without 2FA",
    async (name, call) => {
      const admin = await createUser({ role: "ADMIN" });
      const target = await createUser();
      const sent = await as(target).friends.sendRequest({ userId: admin.id });
      const requestId = sent.status === "requested" ? sent.requestId : "";
      const id = ["cancelRequest", "acceptRequest", "declineRequest"].includes(name) ? requestId : target.id;
      await expectRefusedUnchanged([admin.id, target.id], () => call(callerFor(null), id), "UNAUTHORIZED");
      await expectRefusedUnchanged(
        [admin.id, target.id],
        () => call(callerFor({ id: admin.id, role: "ADMIN", needsTotp: true }), id),
        "FORBIDDEN",
        /two-factor/,
      );
    },
  );
});
