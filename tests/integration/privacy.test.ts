import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { strFromU8, unzipSync } from "fflate";
import nodemailer from "nodemailer";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedis } from "@/server/infra/redis";
import { DATA_EXPORT_QUEUE, EMAIL_QUEUE } from "@/server/infra/queues";
import { loadSessionUser } from "@/server/services/accounts/session-user";
import { totpCode } from "@/server/services/accounts/totp";
import { purgeDueAccounts } from "@/server/services/accounts/account-deletion";
import { buildDataExport, dataExportDownloadUrl, sweepExpiredExports } from "@/server/services/privacy/data-export";
import {
  callerFor,
  createUser,
  freshIp,
  makeFriends,
  TEST_PASSWORD,
  testDeps,
  unique,
  type TestUser,
} from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { messagesTo } from "../helpers/mail-sink";
import { JOBS } from "../../worker/jobs";
import { runJobs, type RunningJobs } from "../../worker/runner";

const deps = testDeps();
const DAY = 86_400_000;

// The real queues: the export job and the emails go through the worker's own table entries (worker/jobs.ts).
const connection = createRedis(process.env.REDIS_URL!, { forWorker: true });
const transport = nodemailer.createTransport(process.env.SMTP_URL);
let running: RunningJobs | undefined;
beforeAll(async () => {
  const table = JOBS.filter((spec) => spec.queue === DATA_EXPORT_QUEUE || spec.queue === EMAIL_QUEUE);
  running = await runJobs(
    table,
    { deps, transport },
    { connection, env: deps.env, log: { info: () => undefined, error: () => undefined } },
  );
});
afterAll(async () => {
  await running?.close();
  connection.disconnect();
  transport.close();
});

const exists = (key: string) =>
  deps.storage.client.send(new HeadObjectCommand({ Bucket: deps.storage.bucket, Key: key })).then(
    () => true,
    (error: { $metadata?: { httpStatusCode?: number } }) => {
      expect(error.$metadata?.httpStatusCode).toBe(404);
      return false;
    },
  );

async function mailTo(to: string, subject: string) {
  return vi.waitFor(
    async () => {
      const found = (await messagesTo(to)).find((m) => m.subject === subject);
      if (!found) throw new Error(`no "${subject}" email to ${to} yet`);
      return found;
    },
    { timeout: 15_000, interval: 200 },
  );
}

async function uploadAttachment(user: TestUser, conversationId: string, bytes: string) {
  const created = await callerFor(user).chat.createAttachmentUpload({
    conversationId,
    name: "notes.pdf",
    contentType: "application/pdf",
    size: Buffer.byteLength(bytes),
  });
  expect((await fetch(created.url, { method: "PUT", headers: created.headers, body: bytes })).status).toBe(200);
  return created.attachmentId;
}

async function giveAvatar(user: TestUser) {
  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#ea580c" } })
    .png()
    .toBuffer();
  const { uploadKey } = await callerFor(user).profile.createAvatarUpload({
    contentType: "image/png",
    size: png.length,
  });
  await deps.storage.client.send(
    new PutObjectCommand({ Bucket: deps.storage.bucket, Key: uploadKey, Body: png, ContentType: "image/png" }),
  );
  await callerFor(user).profile.confirmAvatar({ uploadKey });
  return (await deps.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { avatarKey: true } })).avatarKey!;
}

/** Ada and Grace are friends with a 1:1 chat and a group with Alan; both write, Ada attaches a file and reacts. */
async function socialWorld() {
  const [ada, grace, alan] = await Promise.all([
    createUser({ totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" }),
    createUser(),
    createUser(),
  ]);
  await makeFriends(ada, grace);
  await makeFriends(ada, alan);
  const direct = (await callerFor(ada).chat.openDirect({ userId: grace.id })).conversationId;
  const group = (await callerFor(ada).chat.createGroup({ name: "Book club", memberIds: [grace.id, alan.id] }))
    .conversationId;
  const secret = { ada: unique("ada-says-"), grace: unique("grace-says-"), alan: unique("alan-says-") };
  const fileId = await uploadAttachment(ada, direct, "%PDF-1.4 ada's notes");
  const adaMessage = await callerFor(ada).chat.send({
    conversationId: direct,
    body: `hello ${secret.ada}`,
    attachmentIds: [fileId],
  });
  const graceMessage = await callerFor(grace).chat.send({
    conversationId: direct,
    body: `reply ${secret.grace}`,
    replyToId: adaMessage.id,
  });
  await callerFor(alan).chat.send({ conversationId: group, body: `group ${secret.alan}` });
  await callerFor(ada).chat.send({ conversationId: group, body: `group too ${secret.ada}` });
  await callerFor(ada).chat.react({ messageId: graceMessage.id, emoji: "👍" });
  return { ada, grace, alan, direct, group, secret, fileId, adaMessage, graceMessage };
}

const requestAndWait = async (user: TestUser) => {
  const requested = await callerFor(user).account.requestExport();
  expect(requested.status).toBe("PENDING");
  return vi.waitFor(
    async () => {
      const row = await deps.db.dataExport.findUniqueOrThrow({ where: { id: requested.id } });
      if (row.status !== "READY") throw new Error(`export is ${row.status}`);
      return row;
    },
    { timeout: 20_000, interval: 200 },
  );
};

async function download(userId: string, exportId: string) {
  const response = await fetch(await dataExportDownloadUrl(deps, userId, exportId));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename\*=UTF-8''hearth-.+\.zip$/);
  return unzipSync(new Uint8Array(await response.arrayBuffer()));
}

describe("download my data", () => {
  it("builds a zip of my own data through the worker, with none of the others' messages, emails or secrets", async () => {
    const w = await socialWorld();
    const avatarKey = await giveAvatar(w.ada);
    const stranger = await createUser();
    await deps.db.block.create({ data: { blockerId: w.ada.id, blockedId: stranger.id } });
    const blocksAda = await createUser();
    await deps.db.block.create({ data: { blockerId: blocksAda.id, blockedId: w.ada.id } });
    await deps.db.recoveryCode.create({ data: { userId: w.ada.id, codeHash: "recovery-code-hash-must-not-leak" } });
    await deps.db.pushSubscription.create({
      data: {
        userId: w.ada.id,
        endpoint: "https://push.example.test/send/ada-device-token-must-not-leak",
        p256dh: "p256dh-key-must-not-leak",
        auth: "auth-secret-must-not-leak",
      },
    });
    const { passwordHash } = await deps.db.user.findUniqueOrThrow({
      where: { id: w.ada.id },
      select: { passwordHash: true },
    });

    const row = await requestAndWait(w.ada);
    expect(row.key).toMatch(new RegExp(`^exports/${w.ada.id}/[0-9a-f]{48}\\.zip$`));
    expect(row.expiresAt!.getTime() - row.readyAt!.getTime()).toBe(deps.env.DATA_EXPORT_TTL_DAYS * DAY);

    const files = await download(w.ada.id, row.id);
    expect(Object.keys(files).sort()).toEqual([
      "README.txt",
      "account.json",
      "avatar.webp",
      "calls.json",
      "conversations.json",
      "friends.json",
      "meetings.json",
      "messages.json",
      "push-subscriptions.json",
      "reactions.json",
    ]);
    const json = (name: string) => JSON.parse(strFromU8(files[name]!));
    const everything = Object.entries(files)
      .filter(([name]) => name.endsWith(".json"))
      .map(([, bytes]) => strFromU8(bytes))
      .join("\n");

    expect(json("account.json")).toMatchObject({
      id: w.ada.id,
      email: w.ada.email,
      username: w.ada.username,
      hasAvatar: true,
      signIn: { password: true },
    });
    expect((await sharp(Buffer.from(files["avatar.webp"]!)).metadata()).format).toBe("webp");
    expect(json("friends.json")).toMatchObject({
      friends: expect.arrayContaining([
        expect.objectContaining({ id: w.grace.id }),
        expect.objectContaining({ id: w.alan.id }),
      ]),
      blocked: [expect.objectContaining({ id: stranger.id })],
    });
    expect(
      json("conversations.json")
        .map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([w.direct, w.group].sort());

    const messages = json("messages.json") as {
      id: string;
      body: string;
      attachments: { id: string; name: string; size: number }[];
    }[];
    expect(messages.map((m) => m.body).sort()).toEqual([`group too ${w.secret.ada}`, `hello ${w.secret.ada}`]);
    expect(messages.find((m) => m.id === w.adaMessage.id)!.attachments).toEqual([
      expect.objectContaining({ id: w.fileId, name: "notes.pdf", size: 20 }),
    ]);
    expect(json("reactions.json")).toEqual([
      expect.objectContaining({ messageId: w.graceMessage.id, emoji: "👍", conversationId: w.direct }),
    ]);
    expect(json("push-subscriptions.json")).toEqual([
      expect.objectContaining({ service: "https://push.example.test" }),
    ]);

    // Nothing of the others' writing, addresses or secrets, nor my own credentials.
    for (const leak of [
      w.secret.grace,
      w.secret.alan,
      w.grace.email,
      w.alan.email,
      blocksAda.id,
      passwordHash!,
      "JBSWY3DPEHPK3PXP",
      "recovery-code-hash-must-not-leak",
      "ada-device-token-must-not-leak",
      "p256dh-key-must-not-leak",
      "auth-secret-must-not-leak",
    ]) {
      expect(everything, leak).not.toContain(leak);
    }
    expect(everything).not.toMatch(/passwordHash|totpSecret|codeHash/);
    expect(await exists(avatarKey)).toBe(true);

    // Told in the notification centre and by email, with a link to the settings page that offers the download.
    const notes = await callerFor(w.ada).notifications.list({});
    expect(notes.items[0]).toMatchObject({ kind: "DATA_EXPORT_READY", actor: null });
    const email = await mailTo(w.ada.email, "Your Hearth data is ready to download");
    expect(email.text).toContain(`Download my data: ${deps.env.APP_URL}/settings/security#download-my-data`);
    expect(await callerFor(w.ada).account.dataExport()).toMatchObject({
      id: row.id,
      status: "READY",
      downloadUrl: `/api/exports/${row.id}`,
    });
    expect(
      await deps.db.auditEvent.count({ where: { userId: w.ada.id, action: "account.data-export-requested" } }),
    ).toBe(1);
  });

  it("is the owner's alone: anyone else gets NOT_FOUND and sees no export of theirs", async () => {
    const [owner, outsider] = await Promise.all([createUser(), createUser()]);
    const row = await requestAndWait(owner);
    await expect(dataExportDownloadUrl(deps, outsider.id, row.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await callerFor(outsider).account.dataExport()).toBeNull();
    await expectTrpcError(callerFor(null).account.requestExport(), "UNAUTHORIZED");
  });

  it("expires: the maintenance sweep deletes the archive and Settings says it expired", async () => {
    const user = await createUser();
    const row = await requestAndWait(user);
    expect(await exists(row.key!)).toBe(true);
    await sweepExpiredExports(deps, row.expiresAt!.getTime() - 1000);
    expect(await exists(row.key!)).toBe(true);
    expect(await callerFor(user).account.dataExport()).toMatchObject({ status: "READY" });

    await sweepExpiredExports(deps, row.expiresAt!.getTime() + 1000);
    expect(await exists(row.key!)).toBe(false);
    expect(await deps.db.dataExport.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "EXPIRED",
      key: null,
    });
    expect(await callerFor(user).account.dataExport()).toMatchObject({ status: "EXPIRED", downloadUrl: null });
    await expect(dataExportDownloadUrl(deps, user.id, row.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is marked failed when the worker's last attempt fails (storage refused it), and can be asked for again", async () => {
    const user = await createUser();
    const row = await deps.db.dataExport.create({ data: { userId: user.id } });
    const brokenStorage = { ...deps, storage: { ...deps.storage, bucket: "no-such-bucket-for-exports" } };
    await expect(buildDataExport(brokenStorage, row.id, { finalAttempt: false })).rejects.toThrow();
    expect((await deps.db.dataExport.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("PENDING");
    await expect(buildDataExport(brokenStorage, row.id, { finalAttempt: true })).rejects.toThrow();
    expect(await callerFor(user).account.dataExport()).toMatchObject({
      id: row.id,
      status: "FAILED",
      downloadUrl: null,
    });
    expect((await requestAndWait(user)).id).not.toBe(row.id);
  });

  it("reuses a request still being prepared, replaces an older archive, and allows three a day", async () => {
    const user = await createUser();
    // While one is being prepared, asking again returns it.
    const preparing = await deps.db.dataExport.create({ data: { userId: user.id } });
    expect((await callerFor(user).account.requestExport()).id).toBe(preparing.id);
    await deps.db.dataExport.delete({ where: { id: preparing.id } });

    const first = await requestAndWait(user);
    const second = await requestAndWait(user);
    // A new archive removes the previous one: one copy of someone's data at a time.
    expect(await deps.db.dataExport.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([
      { id: second.id },
    ]);
    expect(await exists(first.key!)).toBe(false);
    expect(await exists(second.key!)).toBe(true);
    await requestAndWait(user);
    await expectTrpcError(callerFor(user).account.requestExport(), "TOO_MANY_REQUESTS");
  });
});

describe("delete my account", () => {
  it("is refused without the right password, or without a valid second factor when 2FA is on; nothing changes", async () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const user = await createUser({ totpSecret: secret, totpEnabledAt: new Date() });
    const as = callerFor(user);
    await expectTrpcError(
      as.account.requestDeletion({ password: "not my password at all" }),
      "BAD_REQUEST",
      /password is not right/,
    );
    await expectTrpcError(as.account.requestDeletion({}), "BAD_REQUEST", /password is not right/);
    await expectTrpcError(as.account.requestDeletion({ password: TEST_PASSWORD }), "BAD_REQUEST", /authenticator app/);
    await expectTrpcError(
      as.account.requestDeletion({ password: TEST_PASSWORD, secondFactor: "000000" }),
      "BAD_REQUEST",
      /code is not right/,
    );
    expect(await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      deletionScheduledAt: null,
      sessionVersion: 0,
    });

    const scheduled = await as.account.requestDeletion({
      password: TEST_PASSWORD,
      secondFactor: totpCode(secret, Date.now()),
    });
    expect(scheduled.deletionScheduledAt.getTime()).toBeGreaterThan(
      Date.now() + deps.env.ACCOUNT_DELETION_GRACE_DAYS * DAY - 60_000,
    );
  });

  it("counts against the password-check limit shared with the other security settings", async () => {
    const user = await createUser();
    for (let i = 0; i < 10; i++)
      await expectTrpcError(
        callerFor(user).account.requestDeletion({ password: `wrong password ${i}` }),
        "BAD_REQUEST",
      );
    await expectTrpcError(callerFor(user).account.requestDeletion({ password: TEST_PASSWORD }), "TOO_MANY_REQUESTS");
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).deletionScheduledAt).toBeNull();
  });

  it("ends every session at once and emails how to cancel; signing in again and keeping the account cancels it", async () => {
    const user = await createUser();
    expect(await loadSessionUser(deps.db, user.id, 0)).not.toBeNull();
    const { deletionScheduledAt } = await callerFor(user).account.requestDeletion({ password: TEST_PASSWORD });
    expect(await loadSessionUser(deps.db, user.id, 0)).toBeNull();
    const email = await mailTo(user.email, "Your Hearth account will be deleted");
    expect(email.text).toContain("Keep my account");
    expect(email.text).toContain(`${deps.env.APP_URL}/sign-in`);
    await expectTrpcError(callerFor(user).account.requestDeletion({ password: TEST_PASSWORD }), "CONFLICT");
    expect((await callerFor(user).account.me()).deletionScheduledAt).toEqual(deletionScheduledAt);

    await callerFor(user).account.cancelDeletion();
    while ((await purgeDueAccounts(deps, deletionScheduledAt.getTime() + DAY)) > 0);
    expect(await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      deletionScheduledAt: null,
    });
    expect(
      await deps.db.auditEvent.count({
        where: { userId: user.id, action: { in: ["account.deletion-requested", "account.deletion-cancelled"] } },
      }),
    ).toBe(2);
    await expectTrpcError(callerFor(user).account.cancelDeletion(), "BAD_REQUEST");
  });

  it("after the grace period, purges the account: others keep the messages as from a deleted user, files are gone, the email is free", async () => {
    const w = await socialWorld();
    const ada = w.ada;
    const avatarKey = await giveAvatar(ada);
    const fileKey = (await deps.db.attachment.findUniqueOrThrow({ where: { id: w.fileId } })).key;
    const exportKey = (await requestAndWait(ada)).key!;
    const stranger = await createUser();
    await deps.db.friendRequest.create({ data: { senderId: ada.id, recipientId: stranger.id } });
    await deps.db.block.create({ data: { blockerId: ada.id, blockedId: (await createUser()).id } });
    await deps.db.pushSubscription.create({
      data: { userId: ada.id, endpoint: `https://push.example.test/${unique()}`, p256dh: "k", auth: "a" },
    });

    // Ada's fixture has a TOTP secret but 2FA is not on: the password alone confirms.
    const { deletionScheduledAt } = await callerFor(ada).account.requestDeletion({ password: TEST_PASSWORD });
    // Not yet: the grace period runs.
    await purgeDueAccounts(deps, deletionScheduledAt.getTime() - 1000);
    expect(await deps.db.user.count({ where: { id: ada.id } })).toBe(1);
    while ((await purgeDueAccounts(deps, deletionScheduledAt.getTime() + 1000)) > 0);

    expect(await deps.db.user.count({ where: { id: ada.id } })).toBe(0);
    expect(await loadSessionUser(deps.db, ada.id, 1)).toBeNull();
    for (const key of [avatarKey, fileKey, exportKey]) expect(await exists(key), key).toBe(false);
    expect(await deps.db.friendship.count({ where: { OR: [{ userId: ada.id }, { friendId: ada.id }] } })).toBe(0);
    expect(await deps.db.friendRequest.count({ where: { OR: [{ senderId: ada.id }, { recipientId: ada.id }] } })).toBe(
      0,
    );
    expect(await deps.db.block.count({ where: { OR: [{ blockerId: ada.id }, { blockedId: ada.id }] } })).toBe(0);
    expect(await deps.db.pushSubscription.count({ where: { userId: ada.id } })).toBe(0);
    expect(await deps.db.messageReaction.count({ where: { userId: ada.id } })).toBe(0);
    expect(
      await deps.db.auditEvent.findFirst({
        where: { action: "account.deleted", detail: { path: ["formerUserId"], equals: ada.id } },
      }),
    ).not.toBeNull();

    // Grace still has the conversation; Ada's message is there, authored by nobody ("Deleted user"), without its file.
    const conversations = await callerFor(w.grace).chat.conversations();
    const direct = conversations.find((c) => c.id === w.direct)!;
    expect(direct).toMatchObject({ title: "Deleted user", other: null });
    const history = await callerFor(w.grace).chat.history({ conversationId: w.direct });
    expect(history.messages.map((m) => [m.senderId, m.body])).toEqual([
      [null, `hello ${w.secret.ada}`],
      [w.grace.id, `reply ${w.secret.grace}`],
    ]);
    expect(history.messages[0]!.attachments).toEqual([]);
    await expectTrpcError(
      callerFor(w.grace).chat.send({ conversationId: w.direct, body: "are you there?" }),
      "BAD_REQUEST",
      /account was deleted/,
    );
    // The group keeps going with an admin; Ada is no longer a member.
    const group = conversations.find((c) => c.id === w.group)!;
    expect(group.members.map((m) => m.id).sort()).toEqual([w.grace.id, w.alan.id].sort());
    expect(group.members.some((m) => m.role === "ADMIN")).toBe(true);
    await expectTrpcError(callerFor(w.grace).profile.byUsername({ username: ada.username }), "NOT_FOUND");

    await mailTo(ada.email, "Your Hearth account was deleted");
    // The address and username can sign up again, as a new account.
    expect(
      await callerFor(null, freshIp()).account.signUp({
        email: ada.email,
        username: ada.username,
        displayName: "Ada again",
        password: "a brand new passphrase 42",
        acceptTerms: true,
      }),
    ).toEqual({ status: "check-your-email" });
    const again = await deps.db.user.findUniqueOrThrow({ where: { email: ada.email } });
    expect(again).toMatchObject({ displayName: "Ada again", username: ada.username });
    expect(again.id).not.toBe(ada.id);
  });
});
