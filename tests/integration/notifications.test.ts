import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { DIGEST_QUEUE, EMAIL_QUEUE } from "@/server/infra/queues";
import { sendUnreadDigest } from "@/server/services/notifications/unread-digest";
import { mentionedUsernames } from "@/server/services/notifications/message-notifications";
import { heardBy } from "../helpers/listen";
import { callerFor, createUser, makeFriends, testDeps, unique } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();

describe("friend notifications", () => {
  it("tell the recipient about a request live, and the sender when it is accepted", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    let requestId = "";
    const heard = await heardBy(b.id, async () => {
      requestId = ((await callerFor(a).friends.sendRequest({ userId: b.id })) as { requestId: string }).requestId;
    });
    expect(heard).toContainEqual({ type: "notification", unread: 1 });
    const inbox = await callerFor(b).notifications.list();
    expect(inbox.items).toMatchObject([{ kind: "FRIEND_REQUEST", actor: { id: a.id }, read: false, count: 1 }]);
    await callerFor(b).friends.acceptRequest({ requestId });
    expect((await callerFor(b).notifications.list()).unread).toBe(0);
    expect((await callerFor(a).notifications.list()).items).toMatchObject([
      { kind: "FRIEND_ACCEPTED", actor: { id: b.id } },
    ]);
  });

  it("from someone later blocked are no longer listed", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    await callerFor(a).friends.sendRequest({ userId: b.id });
    await callerFor(b).friends.block({ userId: a.id });
    expect((await callerFor(b).notifications.list()).items).toEqual([]);
  });
});

describe("message notifications", () => {
  it("collapse per conversation while unread, skip the viewer and muted members, and clear on read", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    await makeFriends(a, b);
    const { conversationId } = await callerFor(a).chat.openDirect({ userId: b.id });
    await callerFor(a).chat.send({ conversationId, body: "one" });
    const last = await callerFor(a).chat.send({ conversationId, body: "two" });
    expect((await callerFor(b).notifications.list()).items).toMatchObject([
      { kind: "MESSAGE", conversationId, count: 2, messageId: last.id },
    ]);
    expect((await callerFor(a).notifications.list()).items).toEqual([]);

    await callerFor(b).chat.markRead({ conversationId, seq: last.seq });
    expect((await callerFor(b).notifications.list()).unread).toBe(0);

    await callerFor(b).notifications.viewing({ conversationId, viewing: true });
    await callerFor(a).chat.send({ conversationId, body: "seen live" });
    expect((await callerFor(b).notifications.list()).unread).toBe(0);
    await callerFor(b).notifications.viewing({ conversationId, viewing: false });

    await callerFor(b).chat.setPreferences({ conversationId, muted: true });
    await callerFor(a).chat.send({ conversationId, body: "muted" });
    expect((await callerFor(b).notifications.list()).unread).toBe(0);
  });

  it("mention group members by @username, even in a muted group", async () => {
    const name = unique("mentioned_");
    const [a, b, c] = await Promise.all([createUser(), createUser({ username: name }), createUser()]);
    await makeFriends(a, b);
    await makeFriends(a, c);
    const { conversationId } = await callerFor(a).chat.createGroup({ name: "Trip", memberIds: [b.id, c.id] });
    await callerFor(b).chat.setPreferences({ conversationId, muted: true });
    await callerFor(a).chat.send({ conversationId, body: `hey @${name.toUpperCase()}, bring the map` });
    expect((await callerFor(b).notifications.list()).items).toMatchObject([
      { kind: "MENTION", actor: { id: a.id }, conversationId },
    ]);
    expect((await callerFor(c).notifications.list()).items).toMatchObject([{ kind: "MESSAGE" }]);
  });

  it("find mentions only at word starts", () => {
    expect(mentionedUsernames("@ada hi @Grace_H, mail me at x@alan.com or @@bob @no")).toEqual(["ada", "grace_h"]);
  });
});

describe("the notification centre", () => {
  it("marks one or all read, and belongs to its owner only", async () => {
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    await callerFor(a).friends.sendRequest({ userId: c.id });
    await callerFor(b).friends.sendRequest({ userId: c.id });
    const { items } = await callerFor(c).notifications.list();
    expect(items).toHaveLength(2);
    // Someone else's ids change nothing.
    expect(await callerFor(a).notifications.markRead({ ids: [items[0]!.id] })).toEqual({ unread: 0 });
    expect(await callerFor(c).notifications.unreadCount()).toBe(2);
    expect(await callerFor(c).notifications.markRead({ ids: [items[0]!.id] })).toEqual({ unread: 1 });
    expect(await callerFor(c).notifications.markRead({})).toEqual({ unread: 0 });
  });

  it("refuses bad input and outsiders", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    await makeFriends(a, b);
    const { conversationId } = await callerFor(a).chat.openDirect({ userId: b.id });
    const outsider = await createUser();
    await expectTrpcError(callerFor(outsider).notifications.viewing({ conversationId, viewing: true }), "NOT_FOUND");
    await expectTrpcError(
      callerFor(a).notifications.markRead({ ids: Array.from({ length: 101 }, (_, i) => `id${i}`) }),
      "BAD_REQUEST",
    );
    await expectTrpcError(callerFor(null).notifications.list(), "UNAUTHORIZED");
  });
});

describe("unread-message emails", () => {
  const digestQueue = new Queue(DIGEST_QUEUE, { connection: deps.redis });
  const emailQueue = new Queue(EMAIL_QUEUE, { connection: deps.redis });
  afterAll(async () => {
    await Promise.all([digestQueue.close(), emailQueue.close()]);
  });
  const emailsTo = async (to: string) =>
    (await emailQueue.getJobs(["waiting", "delayed", "active", "completed"])).filter((j) => j?.data.to === to);

  it("are scheduled once per user however many messages arrive, and batch what is still unread", async () => {
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    await makeFriends(a, c);
    await makeFriends(b, c);
    const withA = (await callerFor(a).chat.openDirect({ userId: c.id })).conversationId;
    const withB = (await callerFor(b).chat.openDirect({ userId: c.id })).conversationId;
    await callerFor(a).chat.send({ conversationId: withA, body: "one" });
    await callerFor(a).chat.send({ conversationId: withA, body: "two" });
    await callerFor(b).chat.send({ conversationId: withB, body: "three" });
    const job = await digestQueue.getJob(`digest-${c.id}`);
    expect(job).toBeDefined();
    expect(await job!.isDelayed()).toBe(true);
    expect(job!.opts.delay).toBe(900_000);

    expect(await sendUnreadDigest(deps, c.id)).toEqual({ sent: true, lines: 2 });
    const [email] = await emailsTo(c.email);
    expect(email!.data).toMatchObject({
      template: "unread-messages",
      lines: [`A new message from ${b.displayName}`, `2 new messages from ${a.displayName}`],
    });
    // Already emailed: the next digest has nothing to say.
    expect(await sendUnreadDigest(deps, c.id)).toEqual({ sent: false, lines: 0 });
  });

  it("are not sent for messages read in the meantime, or when turned off", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    await makeFriends(a, b);
    const { conversationId } = await callerFor(a).chat.openDirect({ userId: b.id });
    const sent = await callerFor(a).chat.send({ conversationId, body: "read me" });
    await callerFor(b).chat.markRead({ conversationId, seq: sent.seq });
    expect(await sendUnreadDigest(deps, b.id)).toEqual({ sent: false, lines: 0 });
    await callerFor(b).notifications.updateSettings({ emailUnreadMessages: false });
    await callerFor(a).chat.send({ conversationId, body: "and this" });
    expect(await sendUnreadDigest(deps, b.id)).toEqual({ sent: false, lines: 0 });
    expect(await emailsTo(b.email)).toEqual([]);
    expect((await callerFor(b).account.me()).emailUnreadMessages).toBe(false);
  });
});
