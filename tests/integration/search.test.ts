import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type AppError } from "@/server/errors";
import { callerFor, createUser, freshIp, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();
const as = (user: TestUser) => callerFor(user, freshIp());
/** A random lower-case fragment of letters (no digits), so trigram matches against other tests' names are negligible. */
const fragment = (length = 12) =>
  Array.from(randomBytes(length), (b) => "abcdefghijklmnopqrstuvwxyz"[b % 26])
    .join("")
    .slice(0, length);

const search = async (viewer: TestUser, query: string, limit?: number) =>
  as(viewer).search.users({ query, ...(limit ? { limit } : {}) });
const idsFound = async (viewer: TestUser, query: string) => (await search(viewer, query)).map((hit) => hit.id);

describe("finding people", () => {
  it("finds by username prefix, ranking an exact match first, then prefixes, with a user card per hit", async () => {
    const frag = fragment();
    const viewer = await createUser();
    const exact = await createUser({ username: frag, displayName: "Exact Person" });
    const prefixed = await createUser({ username: `${frag}_2`, displayName: "Prefixed Person" });
    const inName = await createUser({ displayName: `Zed ${frag}` });
    const hits = await search(viewer, frag.toUpperCase());
    expect(hits.map((h) => h.id)).toEqual([exact.id, prefixed.id, inName.id]);
    expect(hits[0]).toEqual({
      id: exact.id,
      username: frag,
      displayName: "Exact Person",
      avatarUrl: null,
      isFriend: false,
      mutualFriends: 0,
      pendingRequest: null,
    });
    expect(await idsFound(viewer, frag.slice(0, 8))).toEqual([exact.id, prefixed.id, inName.id]);
    // limit caps the hits
    expect((await search(viewer, frag, 2)).map((h) => h.id)).toEqual([exact.id, prefixed.id]);
  });

  it("finds by a display-name substring, case-insensitively", async () => {
    const frag = fragment();
    const viewer = await createUser();
    const target = await createUser({ displayName: `Dr. ${frag.toUpperCase()}son Smith` });
    expect(await idsFound(viewer, `${frag.slice(3)}SON sm`)).toEqual([target.id]);
    expect(await idsFound(viewer, `  ${frag.slice(2, 10)}  `)).toEqual([target.id]);
  });

  it("finds a username despite a typo (trigram similarity)", async () => {
    const frag = fragment(14);
    const viewer = await createUser();
    const target = await createUser({ username: `${frag}`, displayName: "Someone Else" });
    // One letter swapped for another in the middle: not a substring any more.
    const middle = 7;
    const typo = `${frag.slice(0, middle)}${frag[middle] === "q" ? "w" : "q"}${frag.slice(middle + 1)}`;
    expect(typo).not.toBe(frag);
    expect(await idsFound(viewer, typo)).toEqual([target.id]);
  });

  it("answers a query under 2 characters with nothing", async () => {
    const viewer = await createUser();
    await createUser({ username: `x${fragment()}` });
    expect(await search(viewer, "x")).toEqual([]);
    expect(await search(viewer, "  x  ")).toEqual([]);
    expect(await search(viewer, "")).toEqual([]);
  });
});

describe("what search never shows", () => {
  it("never returns the caller", async () => {
    const frag = fragment();
    const viewer = await createUser({ username: `${frag}_me` });
    const other = await createUser({ username: `${frag}_other` });
    expect(await idsFound(viewer, frag)).toEqual([other.id]);
  });

  it("never returns people blocked either way", async () => {
    const frag = fragment();
    const viewer = await createUser({ username: `${frag}_viewer` });
    const blockedByViewer = await createUser({ username: `${frag}_blocked` });
    const blockerOfViewer = await createUser({ username: `${frag}_blocker` });
    const visible = await createUser({ username: `${frag}_visible` });
    await as(viewer).friends.block({ userId: blockedByViewer.id });
    await as(blockerOfViewer).friends.block({ userId: viewer.id });
    expect(await idsFound(viewer, frag)).toEqual([visible.id]);
    expect(await idsFound(blockedByViewer, frag)).not.toContain(viewer.id);
    expect(await idsFound(blockerOfViewer, frag)).not.toContain(viewer.id);
    // Even a blocked friend: blocking ended the friendship, and search must not bring them back.
    const exFriend = await createUser({ username: `${frag}_exfriend` });
    await makeFriends(viewer, exFriend);
    await as(exFriend).friends.block({ userId: viewer.id });
    expect(await idsFound(viewer, frag)).toEqual([visible.id]);
  });

  it("hides people whose profile and friend requests are both closed to NOBODY, unless already friends", async () => {
    const frag = fragment();
    const stranger = await createUser();
    const friend = await createUser();
    const hidden = await createUser({
      username: `${frag}_hidden`,
      profileVisibility: "NOBODY",
      friendRequestPolicy: "NOBODY",
    });
    // Either setting open is enough to be findable.
    const requestsOpen = await createUser({
      username: `${frag}_reqopen`,
      profileVisibility: "NOBODY",
      friendRequestPolicy: "EVERYONE",
    });
    const profileOpen = await createUser({
      username: `${frag}_profopen`,
      profileVisibility: "EVERYONE",
      friendRequestPolicy: "NOBODY",
    });
    await makeFriends(friend, hidden);
    expect((await idsFound(stranger, frag)).sort()).toEqual([requestsOpen.id, profileOpen.id].sort());
    expect((await search(friend, `${frag}_hidden`)).find((hit) => hit.id === hidden.id)).toMatchObject({
      isFriend: true,
      mutualFriends: 0,
    });
  });

  it("hides FRIENDS-only people from strangers and friends of friends, not from friends", async () => {
    const frag = fragment();
    const target = await createUser({
      username: `${frag}_fo`,
      profileVisibility: "FRIENDS",
      friendRequestPolicy: "FRIENDS",
    });
    const [friend, fof, stranger] = [await createUser(), await createUser(), await createUser()];
    await makeFriends(target, friend);
    await makeFriends(friend, fof);
    expect(await idsFound(stranger, frag)).toEqual([]);
    expect(await idsFound(fof, frag)).toEqual([]);
    expect(await search(friend, frag)).toEqual([expect.objectContaining({ id: target.id, isFriend: true })]);
  });

  it("shows FRIENDS_OF_FRIENDS people to friends of friends, with their mutual-friend count, and not to strangers", async () => {
    const frag = fragment();
    const target = await createUser({
      username: `${frag}_fof`,
      profileVisibility: "FRIENDS_OF_FRIENDS",
      friendRequestPolicy: "FRIENDS_OF_FRIENDS",
    });
    const requestsOnly = await createUser({
      username: `${frag}_fofreq`,
      profileVisibility: "NOBODY",
      friendRequestPolicy: "FRIENDS_OF_FRIENDS",
    });
    const [viewer, mutual1, mutual2, stranger] = [
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
    ];
    await makeFriends(viewer, mutual1);
    await makeFriends(viewer, mutual2);
    await makeFriends(mutual1, target);
    await makeFriends(mutual2, target);
    await makeFriends(mutual1, requestsOnly);
    const hits = await search(viewer, frag);
    expect(hits).toEqual([
      {
        id: target.id,
        username: target.username,
        displayName: target.displayName,
        avatarUrl: null,
        isFriend: false,
        mutualFriends: 2,
        pendingRequest: null,
      },
      {
        id: requestsOnly.id,
        username: requestsOnly.username,
        displayName: requestsOnly.displayName,
        avatarUrl: null,
        isFriend: false,
        mutualFriends: 1,
        pendingRequest: null,
      },
    ]);
    expect(await idsFound(stranger, frag)).toEqual([]);
  });
});

describe("query handling", () => {
  it("treats % and _ as literal characters, not wildcards", async () => {
    const viewer = await createUser();
    // A long name, so a query made of its two ends is not similar enough to match by trigrams.
    const frag = fragment(24);
    const target = await createUser({ username: frag, displayName: "Plain Name" });
    expect(await idsFound(viewer, frag)).toEqual([target.id]);
    expect(await idsFound(viewer, `${frag.slice(0, 3)}%${frag.slice(-3)}`)).toEqual([]);
    expect(await idsFound(viewer, `${frag.slice(0, 3)}_${frag.slice(4, 6)}`)).toEqual([]);
    // Queries made only of wildcards would match everyone if they were not escaped.
    for (const query of ["%%", "__", "%_%", "\\%", "%", "_"]) expect(await search(viewer, query), query).toEqual([]);
  });

  it("matches a literal % or _ in a display name", async () => {
    const frag = fragment();
    const viewer = await createUser();
    const target = await createUser({ displayName: `${frag} 100%_sure` });
    expect(await idsFound(viewer, `${frag} 100%_s`)).toEqual([target.id]);
  });

  it("refuses a query over 100 characters, and a limit outside 1–50, with BAD_REQUEST", async () => {
    const viewer = await createUser();
    await expect(search(viewer, "a".repeat(100))).resolves.toEqual(expect.any(Array));
    await expectTrpcError(search(viewer, "a".repeat(101)), "BAD_REQUEST", /at most 100 characters/);
    await expectTrpcError(as(viewer).search.users({ query: "ab", limit: 0 }), "BAD_REQUEST");
    await expectTrpcError(as(viewer).search.users({ query: "ab", limit: 51 }), "BAD_REQUEST");
    await expectTrpcError(as(viewer).search.users({ query: 42 } as never), "BAD_REQUEST");
  });

  it("refuses the 61st search in a minute with TOO_MANY_REQUESTS and when to retry, per user", async () => {
    const viewer = await createUser();
    for (let i = 0; i < 60; i++) await search(viewer, "a");
    const error = await expectTrpcError(search(viewer, "some name"), "TOO_MANY_REQUESTS", /Try again in/);
    expect((error.cause as AppError).retryAt).toBeGreaterThan(Date.now());
    await expect(search(await createUser(), "some name")).resolves.toEqual(expect.any(Array));
  });
});

describe("access", () => {
  it("is UNAUTHORIZED signed out and FORBIDDEN to an admin without 2FA", async () => {
    const admin = await createUser({ role: "ADMIN" });
    await expectTrpcError(callerFor(null).search.users({ query: "anyone" }), "UNAUTHORIZED");
    await expectTrpcError(
      callerFor({ id: admin.id, role: "ADMIN", needsTotp: true }).search.users({ query: "anyone" }),
      "FORBIDDEN",
      /two-factor/,
    );
    // Neither counted against the admin's search limit (while a real search is counted under the same key pattern).
    expect(await deps.redis.keys(`rl:search*${admin.id}*`)).toEqual([]);
    const user = await createUser();
    await search(user, "anyone");
    expect(await deps.redis.keys(`rl:search*${user.id}*`)).not.toEqual([]);
  });
});

describe("search shows pending requests", () => {
  it("marks a request I sent and one I received, with their ids", async () => {
    const frag = `pend${Math.random().toString(36).slice(2, 10).replace(/\d/g, "q")}`;
    const viewer = await createUser();
    const asked = await createUser({ username: `${frag}_asked` });
    const asker = await createUser({ username: `${frag}_asker` });
    const sent = await callerFor(viewer).friends.sendRequest({ userId: asked.id });
    const received = await callerFor(asker).friends.sendRequest({ userId: viewer.id });
    const hits = await callerFor(viewer).search.users({ query: frag });
    expect(hits.find((h) => h.id === asked.id)?.pendingRequest).toEqual({
      id: (sent as { requestId: string }).requestId,
      sentByMe: true,
    });
    expect(hits.find((h) => h.id === asker.id)?.pendingRequest).toEqual({
      id: (received as { requestId: string }).requestId,
      sentByMe: false,
    });
  });
});
