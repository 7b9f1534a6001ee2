import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import {
  attachmentDownloadUrl,
  sweepUnclaimedUploads,
  UNCLAIMED_UPLOAD_MAX_AGE_MS,
} from "@/server/services/chat/attachments";
import { readObject } from "@/server/services/profiles/avatars";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();

async function friendsWithChat() {
  const [a, b] = await Promise.all([createUser(), createUser()]);
  await makeFriends(a, b);
  const { conversationId } = await callerFor(a).chat.openDirect({ userId: b.id });
  return { a, b, conversationId };
}

async function makeFriendOf(user: TestUser) {
  const friend = await createUser();
  await makeFriends(user, friend);
  return friend;
}

const messageRows = (conversationId: string) =>
  deps.db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" } });

describe("1:1 conversations", () => {
  it("are created once per pair, whoever opens them", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    expect((await callerFor(a).chat.openDirect({ userId: b.id })).conversationId).toBe(conversationId);
    expect((await callerFor(b).chat.openDirect({ userId: a.id })).conversationId).toBe(conversationId);
  });

  it("can be opened with a stranger whose profile is visible, not with a hidden or blocked one", async () => {
    const me = await createUser();
    const open = await createUser();
    const hidden = await createUser({ profileVisibility: "NOBODY" });
    const blocker = await createUser();
    await deps.db.block.create({ data: { blockerId: blocker.id, blockedId: me.id } });
    await expect(callerFor(me).chat.openDirect({ userId: open.id })).resolves.toMatchObject({
      conversationId: expect.any(String),
    });
    await expectTrpcError(callerFor(me).chat.openDirect({ userId: hidden.id }), "NOT_FOUND");
    await expectTrpcError(callerFor(me).chat.openDirect({ userId: blocker.id }), "NOT_FOUND");
    await expectTrpcError(callerFor(me).chat.openDirect({ userId: "nobody_with_this_id" }), "NOT_FOUND");
    await expectTrpcError(callerFor(me).chat.openDirect({ userId: me.id }), "BAD_REQUEST");
    await expectTrpcError(callerFor(me).chat.openDirect({ userId: "../etc" }), "BAD_REQUEST");
  });

  it("disappear for both people while either blocks the other, and come back on unblock", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    await callerFor(a).chat.send({ conversationId, body: "before the block" });
    await callerFor(b).friends.block({ userId: a.id });
    for (const user of [a, b]) {
      expect((await callerFor(user).chat.conversations()).map((c) => c.id)).not.toContain(conversationId);
      await expectTrpcError(callerFor(user).chat.send({ conversationId, body: "hello?" }), "NOT_FOUND");
      await expectTrpcError(callerFor(user).chat.history({ conversationId }), "NOT_FOUND");
    }
    expect(await messageRows(conversationId)).toHaveLength(1);
    await callerFor(b).friends.unblock({ userId: a.id });
    expect((await callerFor(a).chat.history({ conversationId })).messages.map((m) => m.body)).toEqual([
      "before the block",
    ]);
  });
});

describe("messages", () => {
  it("get consecutive seqs, keep the text as written, and move the sender's read state", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    const first = await callerFor(a).chat.send({ conversationId, body: "  <b>hi</b> 👋 https://example.com  " });
    const second = await callerFor(b).chat.send({ conversationId, body: "line one\r\nline two", replyToId: first.id });
    expect(first).toMatchObject({
      seq: 1,
      body: "<b>hi</b> 👋 https://example.com",
      senderId: a.id,
      replyTo: null,
      kind: "TEXT",
    });
    expect(second).toMatchObject({
      seq: 2,
      body: "line one\nline two",
      replyTo: { id: first.id, seq: 1, body: first.body, deleted: false },
    });
    const summaryA = (await callerFor(a).chat.conversations()).find((c) => c.id === conversationId)!;
    expect(summaryA).toMatchObject({
      kind: "DIRECT",
      title: expect.any(String),
      unread: 1,
      lastMessage: { id: second.id },
    });
    expect((await callerFor(b).chat.conversation({ conversationId })).unread).toBe(0);
  });

  it("refuse empty, oversized and malformed input with field errors, writing nothing", async () => {
    const { a, conversationId } = await friendsWithChat();
    await expectTrpcError(callerFor(a).chat.send({ conversationId, body: "   \n  " }), "BAD_REQUEST");
    await expectTrpcError(callerFor(a).chat.send({ conversationId, body: "x".repeat(4001) }), "BAD_REQUEST");
    await expect(callerFor(a).chat.send({ conversationId, body: "x".repeat(4000) })).resolves.toMatchObject({ seq: 1 });
    await expectTrpcError(callerFor(a).chat.send({ conversationId: "' OR 1=1 --", body: "hi" }), "BAD_REQUEST");
    expect(await messageRows(conversationId)).toHaveLength(1);
  });

  it("are stored once per client id: a retried send (even two at once) returns the same message, another sender's id is theirs", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    const clientId = "c0ffee00c0ffee00";
    const first = await callerFor(a).chat.send({ conversationId, body: "only once", clientId });
    expect(first.clientId).toBe(clientId);
    const retried = await callerFor(a).chat.send({ conversationId, body: "only once", clientId });
    expect(retried).toEqual(first);
    const [x, y] = await Promise.all([
      callerFor(a).chat.send({ conversationId, body: "raced", clientId: "raced0000000001" }),
      callerFor(a).chat.send({ conversationId, body: "raced", clientId: "raced0000000001" }),
    ]);
    expect(x.id).toBe(y.id);
    const fromB = await callerFor(b).chat.send({ conversationId, body: "same id, other sender", clientId });
    expect(fromB.id).not.toBe(first.id);
    expect((await messageRows(conversationId)).map((m) => m.body)).toEqual([
      "only once",
      "raced",
      "same id, other sender",
    ]);
    expect((await callerFor(b).chat.history({ conversationId })).messages.map((m) => m.clientId)).toEqual([
      clientId,
      "raced0000000001",
      clientId,
    ]);
    // Reused in another conversation it is refused, not stored there.
    const other = await callerFor(a).chat.openDirect({ userId: (await makeFriendOf(a)).id });
    await expectTrpcError(
      callerFor(a).chat.send({ conversationId: other.conversationId, body: "elsewhere", clientId }),
      "CONFLICT",
    );
    expect(await messageRows(other.conversationId)).toHaveLength(0);
    await expectTrpcError(
      callerFor(a).chat.send({ conversationId, body: "bad id", clientId: "no spaces allowed" }),
      "BAD_REQUEST",
    );
  });

  it("refuse a reply to a message from another conversation", async () => {
    const one = await friendsWithChat();
    const other = await friendsWithChat();
    const elsewhere = await callerFor(other.a).chat.send({ conversationId: other.conversationId, body: "elsewhere" });
    await expectTrpcError(
      callerFor(one.a).chat.send({ conversationId: one.conversationId, body: "re", replyToId: elsewhere.id }),
      "NOT_FOUND",
    );
    expect(await messageRows(one.conversationId)).toHaveLength(0);
  });

  it("are rate limited: the 21st in 10 seconds is refused with when to retry", async () => {
    const { a, conversationId } = await friendsWithChat();
    // The limiter's sliding window is an estimate over epoch-aligned 10 s windows: sends that straddle a boundary
    // count partly. Start early in a window so the 21 sends share one (well under a second, or seconds on a busy machine).
    const intoWindow = Date.now() % 10_000;
    if (intoWindow > 2_000) await new Promise((resolve) => setTimeout(resolve, 10_000 - intoWindow + 50));
    for (let i = 0; i < 20; i++) await callerFor(a).chat.send({ conversationId, body: `message ${i}` });
    await expectTrpcError(
      callerFor(a).chat.send({ conversationId, body: "one too many" }),
      "TOO_MANY_REQUESTS",
      /too fast\. Try again in \d+ seconds/,
    );
    expect(await messageRows(conversationId)).toHaveLength(20);
  });

  it("can be edited and deleted by their sender only; deleted ones keep their place without text", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    const message = await callerFor(a).chat.send({ conversationId, body: "typo" });
    await expectTrpcError(callerFor(b).chat.edit({ messageId: message.id, body: "hijacked" }), "NOT_FOUND");
    await expectTrpcError(callerFor(b).chat.delete({ messageId: message.id }), "NOT_FOUND");
    expect((await callerFor(a).chat.edit({ messageId: message.id, body: "fixed" })).editedAt).not.toBeNull();
    const deleted = await callerFor(a).chat.delete({ messageId: message.id });
    expect(deleted).toMatchObject({ body: "", deletedAt: expect.any(String), seq: 1 });
    expect((await messageRows(conversationId))[0]!.body).toBe("");
    await expectTrpcError(callerFor(a).chat.edit({ messageId: message.id, body: "again" }), "BAD_REQUEST", /deleted/);
  });

  it("page through history by seq, oldest first within a page, with no gaps or repeats", async () => {
    const { a, conversationId } = await friendsWithChat();
    const rows = Array.from({ length: 120 }, (_, i) => ({
      conversationId,
      seq: i + 1,
      senderId: a.id,
      body: `m${i + 1}`,
    }));
    await deps.db.message.createMany({ data: rows });
    await deps.db.conversation.update({ where: { id: conversationId }, data: { lastSeq: 120 } });
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await callerFor(a).chat.history({ conversationId, beforeSeq, limit: 50 });
      seen.unshift(...page.messages.map((m) => m.seq));
      if (!page.hasMore) break;
      beforeSeq = page.messages[0]!.seq;
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });
});

describe("read state", () => {
  it("moves forward only, is clamped to the newest message, and counts unread per member", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    for (let i = 0; i < 3; i++) await callerFor(a).chat.send({ conversationId, body: `m${i}` });
    expect((await callerFor(b).chat.conversation({ conversationId })).unread).toBe(3);
    expect(await callerFor(b).chat.markRead({ conversationId, seq: 2 })).toEqual({ lastReadSeq: 2 });
    expect(await callerFor(b).chat.markRead({ conversationId, seq: 1 })).toEqual({ lastReadSeq: 2 });
    expect(await callerFor(b).chat.markRead({ conversationId, seq: 999 })).toEqual({ lastReadSeq: 3 });
    const summary = await callerFor(a).chat.conversation({ conversationId });
    expect(summary.readState).toEqual({ [a.id]: 3, [b.id]: 3 });
  });
});

describe("groups", () => {
  it("are created with friends only, the creator as admin, and list the members", async () => {
    const [me, f1, f2, stranger] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    await makeFriends(me, f1);
    await makeFriends(me, f2);
    await expectTrpcError(
      callerFor(me).chat.createGroup({ name: "Mixed", memberIds: [f1.id, stranger.id] }),
      "BAD_REQUEST",
      /only your friends/,
    );
    await expectTrpcError(callerFor(me).chat.createGroup({ name: "  ", memberIds: [f1.id] }), "BAD_REQUEST");
    const { conversationId } = await callerFor(me).chat.createGroup({
      name: "Climbing",
      memberIds: [f1.id, f2.id, f1.id],
    });
    const members = await deps.db.conversationMember.findMany({ where: { conversationId }, orderBy: { role: "asc" } });
    expect(members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [f1.id, "MEMBER"],
        [f2.id, "MEMBER"],
        [me.id, "ADMIN"],
      ].sort(),
    );
    expect(await callerFor(f2).chat.conversation({ conversationId })).toMatchObject({
      kind: "GROUP",
      title: "Climbing",
      other: null,
    });
  });
});

describe("outsiders", () => {
  it("get NOT_FOUND from every conversation procedure and change nothing", async () => {
    const { a, conversationId } = await friendsWithChat();
    const message = await callerFor(a).chat.send({ conversationId, body: "private" });
    const outsider: TestUser = await createUser();
    const as = callerFor(outsider).chat;
    const before = JSON.stringify(
      await Promise.all([
        messageRows(conversationId),
        deps.db.conversationMember.findMany({ where: { conversationId }, orderBy: { userId: "asc" } }),
      ]),
    );
    await expectTrpcError(as.conversation({ conversationId }), "NOT_FOUND");
    await expectTrpcError(as.history({ conversationId }), "NOT_FOUND");
    await expectTrpcError(as.send({ conversationId, body: "let me in" }), "NOT_FOUND");
    await expectTrpcError(as.edit({ messageId: message.id, body: "mine now" }), "NOT_FOUND");
    await expectTrpcError(as.delete({ messageId: message.id }), "NOT_FOUND");
    await expectTrpcError(as.markRead({ conversationId, seq: 1 }), "NOT_FOUND");
    await expectTrpcError(as.setPreferences({ conversationId, muted: true }), "NOT_FOUND");
    await expectTrpcError(as.typing({ conversationId }), "NOT_FOUND");
    await expectTrpcError(as.react({ messageId: message.id, emoji: "👍" }), "NOT_FOUND");
    await expectTrpcError(
      as.createAttachmentUpload({ conversationId, name: "x.pdf", contentType: "application/pdf", size: 10 }),
      "NOT_FOUND",
    );
    await expectTrpcError(as.addMembers({ conversationId, userIds: [outsider.id] }), "NOT_FOUND");
    await expectTrpcError(as.removeMember({ conversationId, userId: a.id }), "NOT_FOUND");
    await expectTrpcError(as.leave({ conversationId }), "NOT_FOUND");
    await expectTrpcError(as.rename({ conversationId, name: "mine" }), "NOT_FOUND");
    await expectTrpcError(as.setAvatar({ conversationId, uploadKey: null }), "NOT_FOUND");
    await expectTrpcError(callerFor(outsider).notifications.viewing({ conversationId, viewing: true }), "NOT_FOUND");
    expect(await as.search({ query: "private" })).toEqual([]);
    const after = JSON.stringify(
      await Promise.all([
        messageRows(conversationId),
        deps.db.conversationMember.findMany({ where: { conversationId }, orderBy: { userId: "asc" } }),
      ]),
    );
    expect(after).toBe(before);
    expect((await as.conversations()).map((c) => c.id)).not.toContain(conversationId);
  });

  it("signed-out callers are UNAUTHORIZED", async () => {
    await expectTrpcError(callerFor(null).chat.conversations(), "UNAUTHORIZED");
  });
});

describe("preferences", () => {
  it("pin a conversation to the top and mute it, for the caller only", async () => {
    const me = await createUser();
    const [x, y] = await Promise.all([createUser(), createUser()]);
    await makeFriends(me, x);
    await makeFriends(me, y);
    const withX = (await callerFor(me).chat.openDirect({ userId: x.id })).conversationId;
    const withY = (await callerFor(me).chat.openDirect({ userId: y.id })).conversationId;
    await callerFor(me).chat.send({ conversationId: withX, body: "older" });
    await callerFor(me).chat.send({ conversationId: withY, body: "newer" });
    expect((await callerFor(me).chat.conversations()).map((c) => c.id)).toEqual([withY, withX]);
    await callerFor(me).chat.setPreferences({ conversationId: withX, pinned: true, muted: true });
    const list = await callerFor(me).chat.conversations();
    expect(list.map((c) => [c.id, c.pinned, c.muted])).toEqual([
      [withX, true, true],
      [withY, false, false],
    ]);
    expect((await callerFor(x).chat.conversation({ conversationId: withX })).muted).toBe(false);
  });
});

describe("search within conversations", () => {
  it("finds words by prefix in the caller's conversations only, newest first, never deleted text", async () => {
    const word = `zebra${Math.random().toString(36).slice(2, 8).replace(/\d/g, "x")}`;
    const { a, b, conversationId } = await friendsWithChat();
    const older = await callerFor(a).chat.send({ conversationId, body: `the ${word} crossed the road` });
    const newer = await callerFor(b).chat.send({ conversationId, body: `Another ${word.toUpperCase()}!` });
    const gone = await callerFor(b).chat.send({ conversationId, body: `${word} secret` });
    await callerFor(b).chat.delete({ messageId: gone.id });
    const elsewhere = await friendsWithChat();
    await callerFor(elsewhere.a).chat.send({
      conversationId: elsewhere.conversationId,
      body: `${word} in another chat`,
    });

    const hits = await callerFor(a).chat.search({ query: word.slice(0, 7) });
    expect(hits.map((h) => h.messageId)).toEqual([newer.id, older.id]);
    expect(hits[0]).toMatchObject({ conversationId, seq: newer.seq, senderId: b.id, body: newer.body });
    expect(await callerFor(a).chat.search({ query: `${word} road`, conversationId })).toHaveLength(1);
    expect(await callerFor(a).chat.search({ query: "%_&|!:*()" })).toEqual([]);
  });

  it("leaves out a 1:1 conversation hidden by a block, and refuses bad input", async () => {
    const word = `okapi${Math.random().toString(36).slice(2, 8).replace(/\d/g, "y")}`;
    const { a, b, conversationId } = await friendsWithChat();
    await callerFor(a).chat.send({ conversationId, body: word });
    await callerFor(b).friends.block({ userId: a.id });
    expect(await callerFor(a).chat.search({ query: word })).toEqual([]);
    await expectTrpcError(callerFor(a).chat.search({ query: "x".repeat(201) }), "BAD_REQUEST");
  });
});

describe("the conversation list", () => {
  it("shows an empty 1:1 conversation to the person who opened it, and to the other once written in", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    await makeFriends(a, b);
    const { conversationId } = await callerFor(a).chat.openDirect({ userId: b.id });
    expect((await callerFor(a).chat.conversations()).map((c) => c.id)).toContain(conversationId);
    expect((await callerFor(b).chat.conversations()).map((c) => c.id)).not.toContain(conversationId);
    await callerFor(a).chat.send({ conversationId, body: "hi" });
    expect((await callerFor(b).chat.conversations()).map((c) => c.id)).toContain(conversationId);
  });
});

describe("group membership", () => {
  async function group() {
    const [admin, m1, m2, friendOfAdmin] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    for (const u of [m1, m2, friendOfAdmin]) await makeFriends(admin, u);
    const { conversationId } = await callerFor(admin).chat.createGroup({
      name: "Book club",
      memberIds: [m1.id, m2.id],
    });
    const members = async () =>
      (await deps.db.conversationMember.findMany({ where: { conversationId }, orderBy: { joinedAt: "asc" } })).map(
        (m) => [m.userId, m.role],
      );
    return { admin, m1, m2, friendOfAdmin, conversationId, members };
  }
  const lastBody = async (conversationId: string) =>
    (await deps.db.message.findFirst({ where: { conversationId }, orderBy: { seq: "desc" } }))?.body;

  it("lets members add their own friends, with a line in the conversation", async () => {
    const g = await group();
    await expectTrpcError(
      callerFor(g.m1).chat.addMembers({ conversationId: g.conversationId, userIds: [g.friendOfAdmin.id] }),
      "BAD_REQUEST",
      /only your friends/,
    );
    await callerFor(g.admin).chat.addMembers({ conversationId: g.conversationId, userIds: [g.friendOfAdmin.id] });
    expect((await g.members()).map(([id]) => id)).toContain(g.friendOfAdmin.id);
    expect(await lastBody(g.conversationId)).toBe(`${g.admin.displayName} added ${g.friendOfAdmin.displayName}`);
    expect(
      (await callerFor(g.friendOfAdmin).chat.history({ conversationId: g.conversationId })).messages.at(-1),
    ).toMatchObject({ kind: "SYSTEM" });
  });

  it("lets only admins rename and remove; the removed member loses access", async () => {
    const g = await group();
    await expectTrpcError(
      callerFor(g.m1).chat.rename({ conversationId: g.conversationId, name: "Mine now" }),
      "FORBIDDEN",
      /admins/,
    );
    await expectTrpcError(
      callerFor(g.m1).chat.removeMember({ conversationId: g.conversationId, userId: g.m2.id }),
      "FORBIDDEN",
    );
    await callerFor(g.admin).chat.rename({ conversationId: g.conversationId, name: "Novel club" });
    expect((await callerFor(g.m2).chat.conversation({ conversationId: g.conversationId })).title).toBe("Novel club");
    await callerFor(g.admin).chat.removeMember({ conversationId: g.conversationId, userId: g.m2.id });
    await expectTrpcError(callerFor(g.m2).chat.history({ conversationId: g.conversationId }), "NOT_FOUND");
    await expectTrpcError(
      callerFor(g.admin).chat.removeMember({ conversationId: g.conversationId, userId: g.m2.id }),
      "NOT_FOUND",
    );
  });

  it("hands the admin role on when the last admin leaves, and deletes an empty group", async () => {
    const g = await group();
    await callerFor(g.admin).chat.leave({ conversationId: g.conversationId });
    expect(await g.members()).toEqual([
      [g.m1.id, "ADMIN"],
      [g.m2.id, "MEMBER"],
    ]);
    expect(await lastBody(g.conversationId)).toBe(`${g.admin.displayName} left`);
    await callerFor(g.m1).chat.leave({ conversationId: g.conversationId });
    await callerFor(g.m2).chat.leave({ conversationId: g.conversationId });
    expect(await deps.db.conversation.findUnique({ where: { id: g.conversationId } })).toBeNull();
  });

  it("has a photo that only admins change, resized, with a line in the conversation", async () => {
    const g = await group();
    const png = await sharp({ create: { width: 500, height: 300, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const uploadAs = async (user: TestUser) => {
      const upload = await callerFor(user).profile.createAvatarUpload({ contentType: "image/png", size: png.length });
      expect(
        (await fetch(upload.url, { method: "PUT", headers: upload.headers, body: new Uint8Array(png) })).status,
      ).toBe(200);
      return upload.uploadKey;
    };
    await expectTrpcError(
      callerFor(g.m1).chat.setAvatar({ conversationId: g.conversationId, uploadKey: await uploadAs(g.m1) }),
      "FORBIDDEN",
    );
    await callerFor(g.admin).chat.setAvatar({ conversationId: g.conversationId, uploadKey: await uploadAs(g.admin) });
    const { avatarKey } = await deps.db.conversation.findUniqueOrThrow({ where: { id: g.conversationId } });
    expect(avatarKey).toMatch(new RegExp(`^groups/${g.conversationId}/[0-9a-f]{24}\\.webp$`));
    const stored = await readObject(deps, avatarKey!);
    expect(await sharp(stored!).metadata()).toMatchObject({ width: 256, height: 256, format: "webp" });
    expect((await callerFor(g.m2).chat.conversation({ conversationId: g.conversationId })).avatarUrl).toMatch(
      `/api/conversations/${g.conversationId}/avatar?v=`,
    );
    expect(await lastBody(g.conversationId)).toBe(`${g.admin.displayName} changed the group photo`);
    // Someone else's upload key is not the admin's to use.
    await expectTrpcError(
      callerFor(g.admin).chat.setAvatar({ conversationId: g.conversationId, uploadKey: await uploadAs(g.m1) }),
      "NOT_FOUND",
    );
  });

  it("does not apply to 1:1 conversations or outsiders", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    await expectTrpcError(callerFor(a).chat.leave({ conversationId }), "BAD_REQUEST");
    await expectTrpcError(callerFor(a).chat.removeMember({ conversationId, userId: b.id }), "BAD_REQUEST");
    const g = await group();
    const outsider = await createUser();
    await expectTrpcError(callerFor(outsider).chat.leave({ conversationId: g.conversationId }), "NOT_FOUND");
    await expectTrpcError(
      callerFor(outsider).chat.rename({ conversationId: g.conversationId, name: "x" }),
      "NOT_FOUND",
    );
  });
});

describe("reactions", () => {
  it("toggle per person and emoji, in first-used order, and vanish with a deleted message", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    const message = await callerFor(a).chat.send({ conversationId, body: "pizza tonight?" });
    await callerFor(b).chat.react({ messageId: message.id, emoji: "👍" });
    await callerFor(a).chat.react({ messageId: message.id, emoji: "❤️" });
    const both = await callerFor(a).chat.react({ messageId: message.id, emoji: "👍" });
    expect(both.reactions).toEqual([
      { emoji: "👍", userIds: [b.id, a.id] },
      { emoji: "❤️", userIds: [a.id] },
    ]);
    // b takes theirs back: the 👍 that remains (a's) came after a's ❤️.
    expect((await callerFor(b).chat.react({ messageId: message.id, emoji: "👍" })).reactions).toEqual([
      { emoji: "❤️", userIds: [a.id] },
      { emoji: "👍", userIds: [a.id] },
    ]);
    await callerFor(a).chat.react({ messageId: message.id, emoji: "👨‍👩‍👧" });
    await callerFor(a).chat.react({ messageId: message.id, emoji: "🇫🇷" });
    await callerFor(a).chat.delete({ messageId: message.id });
    expect((await callerFor(b).chat.history({ conversationId })).messages[0]!.reactions).toEqual([]);
    await expectTrpcError(callerFor(b).chat.react({ messageId: message.id, emoji: "👍" }), "BAD_REQUEST");
  });

  it("accept exactly one emoji, from members only", async () => {
    const { a, conversationId } = await friendsWithChat();
    const message = await callerFor(a).chat.send({ conversationId, body: "hi" });
    for (const emoji of ["", "a", "👍👍", "<img>", "👍 ", "x".repeat(40)]) {
      await expectTrpcError(callerFor(a).chat.react({ messageId: message.id, emoji }), "BAD_REQUEST");
    }
    const outsider = await createUser();
    await expectTrpcError(callerFor(outsider).chat.react({ messageId: message.id, emoji: "👍" }), "NOT_FOUND");
    expect(await deps.db.messageReaction.count({ where: { messageId: message.id } })).toBe(0);
  });
});

describe("attachments", () => {
  async function upload(
    user: TestUser,
    conversationId: string,
    bytes: Buffer,
    meta: { name: string; contentType: "image/png" | "application/pdf" },
  ) {
    const created = await callerFor(user).chat.createAttachmentUpload({ conversationId, ...meta, size: bytes.length });
    const put = await fetch(created.url, { method: "PUT", headers: created.headers, body: new Uint8Array(bytes) });
    expect(put.status).toBe(200);
    return created.attachmentId;
  }

  it("upload through a presigned URL, then ride on a message that members can open", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    const image = await upload(a, conversationId, Buffer.from("not really a png but bytes"), {
      name: "holiday photo.png",
      contentType: "image/png",
    });
    const pdf = await upload(a, conversationId, Buffer.from("%PDF-1.4 tiny"), {
      name: "ticket.pdf",
      contentType: "application/pdf",
    });
    const message = await callerFor(a).chat.send({ conversationId, body: "", attachmentIds: [image, pdf] });
    expect(message.attachments).toEqual([
      {
        id: image,
        name: "holiday photo.png",
        contentType: "image/png",
        size: 26,
        url: `/api/attachments/${image}`,
        isImage: true,
      },
      {
        id: pdf,
        name: "ticket.pdf",
        contentType: "application/pdf",
        size: 13,
        url: `/api/attachments/${pdf}`,
        isImage: false,
      },
    ]);
    const link = await attachmentDownloadUrl(deps, b.id, pdf);
    const download = await fetch(link);
    expect(await download.text()).toBe("%PDF-1.4 tiny");
    expect(download.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''ticket.pdf");
  });

  it("go with their message: a deleted message's files are no longer served and their objects are deleted; unclaimed uploads are swept", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    const id = await upload(a, conversationId, Buffer.from("%PDF-1.4 private"), {
      name: "private.pdf",
      contentType: "application/pdf",
    });
    const { key } = await deps.db.attachment.findUniqueOrThrow({ where: { id } });
    const message = await callerFor(a).chat.send({ conversationId, body: "see this", attachmentIds: [id] });
    const deleted = await callerFor(a).chat.delete({ messageId: message.id });
    expect(deleted.attachments).toEqual([]);
    await expect(attachmentDownloadUrl(deps, b.id, id)).rejects.toThrow(/not found/i);
    await expect(
      deps.storage.client.send(new HeadObjectCommand({ Bucket: deps.storage.bucket, Key: key })),
    ).rejects.toThrow();

    // An upload nobody attached: kept for a day (a slow sender), then the maintenance sweep removes row and object.
    const orphan = await upload(a, conversationId, Buffer.from("never sent"), {
      name: "draft.pdf",
      contentType: "application/pdf",
    });
    const orphanKey = (await deps.db.attachment.findUniqueOrThrow({ where: { id: orphan } })).key;
    await sweepUnclaimedUploads(deps);
    expect(await deps.db.attachment.count({ where: { id: orphan } })).toBe(1);
    await sweepUnclaimedUploads(deps, Date.now() + UNCLAIMED_UPLOAD_MAX_AGE_MS + 1000);
    expect(await deps.db.attachment.count({ where: { id: orphan } })).toBe(0);
    await expect(
      deps.storage.client.send(new HeadObjectCommand({ Bucket: deps.storage.bucket, Key: orphanKey })),
    ).rejects.toThrow();
  });

  it("cannot be claimed twice, by someone else, in another conversation, or before the bytes arrive", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    const other = await friendsWithChat();
    const id = await upload(a, conversationId, Buffer.from("bytes"), { name: "a.pdf", contentType: "application/pdf" });
    await expectTrpcError(callerFor(b).chat.send({ conversationId, body: "mine", attachmentIds: [id] }), "NOT_FOUND");
    await expectTrpcError(
      callerFor(other.a).chat.send({ conversationId: other.conversationId, body: "x", attachmentIds: [id] }),
      "NOT_FOUND",
    );
    await callerFor(a).chat.send({ conversationId, body: "first", attachmentIds: [id] });
    await expectTrpcError(callerFor(a).chat.send({ conversationId, body: "again", attachmentIds: [id] }), "NOT_FOUND");
    const pending = await callerFor(a).chat.createAttachmentUpload({
      conversationId,
      name: "later.pdf",
      contentType: "application/pdf",
      size: 10,
    });
    await expectTrpcError(
      callerFor(a).chat.send({ conversationId, body: "too soon", attachmentIds: [pending.attachmentId] }),
      "BAD_REQUEST",
      /finished uploading/,
    );
    expect(await messageRows(conversationId)).toHaveLength(1);
  });

  it("are refused for bad types, sizes and names, to outsiders, and are hidden from non-members", async () => {
    const { a, conversationId } = await friendsWithChat();
    const as = callerFor(a).chat;
    await expectTrpcError(
      as.createAttachmentUpload({
        conversationId,
        name: "x.html",
        contentType: "text/html" as "application/pdf",
        size: 10,
      }),
      "BAD_REQUEST",
    );
    await expectTrpcError(
      as.createAttachmentUpload({
        conversationId,
        name: "big.pdf",
        contentType: "application/pdf",
        size: 26 * 1024 * 1024,
      }),
      "BAD_REQUEST",
      /25 MB/,
    );
    await expectTrpcError(
      as.createAttachmentUpload({ conversationId, name: "../../etc/passwd", contentType: "application/pdf", size: 10 }),
      "BAD_REQUEST",
    );
    const outsider = await createUser();
    await expectTrpcError(
      callerFor(outsider).chat.createAttachmentUpload({
        conversationId,
        name: "x.pdf",
        contentType: "application/pdf",
        size: 10,
      }),
      "NOT_FOUND",
    );
    const id = await upload(a, conversationId, Buffer.from("secret"), {
      name: "s.pdf",
      contentType: "application/pdf",
    });
    await callerFor(a).chat.send({ conversationId, body: "", attachmentIds: [id] });
    await expect(attachmentDownloadUrl(deps, outsider.id, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectTrpcError(as.send({ conversationId, body: "   " }), "BAD_REQUEST", /Write something/);
  });
});
