import net from "node:net";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createClamdScanner } from "@/server/infra/malware-scanner";
import type { AppError } from "@/server/errors";
import { attachmentDownloadUrl } from "@/server/services/chat/attachments";
import { refusedUploadField } from "@/lib/refused-uploads";
import { scannedKeyPrefix } from "@/server/services/chat/scan-upload";
import { callerFor, createUser, freshIp, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

/**
 * Every chat attachment is scanned by the stack's real clamd (scripts/stack/up.sh), whose offline signature
 * database knows the EICAR anti-virus test string, before a message may carry it.
 */
const deps = testDeps();
// Assembled, so that a scanner on a developer's machine does not flag this file.
const EICAR = ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-", "STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join("");

async function friendsWithChat() {
  const [a, b] = await Promise.all([createUser(), createUser()]);
  await makeFriends(a, b);
  const { conversationId } = await callerFor(a).chat.openDirect({ userId: b.id });
  return { a, b, conversationId };
}

async function upload(user: TestUser, conversationId: string, text: string, name: string) {
  const bytes = Buffer.from(text);
  const created = await callerFor(user).chat.createAttachmentUpload({
    conversationId,
    name,
    contentType: "text/plain",
    size: bytes.length,
  });
  const put = await fetch(created.url, { method: "PUT", headers: created.headers, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  return { id: created.attachmentId, url: created.url, headers: created.headers };
}

const storedKeys = async (conversationId: string) =>
  (
    (
      await deps.storage.client.send(
        new ListObjectsV2Command({ Bucket: deps.storage.bucket, Prefix: `attachments/${conversationId}/` }),
      )
    ).Contents ?? []
  )
    .map((o) => o.Key)
    .sort();
const objectExists = (key: string) =>
  deps.storage.client.send(new HeadObjectCommand({ Bucket: deps.storage.bucket, Key: key })).then(
    () => true,
    () => false,
  );

/** The same app, but its clamd is a port nobody listens on. */
async function callerWithScannerDown(user: TestUser) {
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const downDeps = { ...deps, scanner: createClamdScanner({ host: "127.0.0.1", port }) };
  return createCaller({ deps: downDeps, user: { id: user.id, role: "USER", needsTotp: false }, ip: freshIp() });
}

describe("upload scanning", () => {
  it("lets a clean file ride on a message, served from the scanned copy (the upload's own object is gone)", async () => {
    const { a, b, conversationId } = await friendsWithChat();
    // As long as the EICAR string, so that the signed upload URL takes it below.
    const list = "just a shopping list".padEnd(EICAR.length, ".");
    const file = await upload(a, conversationId, list, "list.txt");
    const uploadKey = (await deps.db.attachment.findUniqueOrThrow({ where: { id: file.id } })).key;
    const message = await callerFor(a).chat.send({ conversationId, body: "", attachmentIds: [file.id] });
    expect(message.attachments.map((f) => f.name)).toEqual(["list.txt"]);
    const { key } = await deps.db.attachment.findUniqueOrThrow({ where: { id: file.id } });
    expect(key.startsWith(scannedKeyPrefix(conversationId))).toBe(true);
    expect(await storedKeys(conversationId)).toEqual([key]);
    expect(await objectExists(uploadKey)).toBe(false);
    expect(await (await fetch(await attachmentDownloadUrl(deps, b.id, file.id))).text()).toBe(list);

    // The upload URL is still valid for minutes: bytes PUT to it later never reach the message.
    const replaced = await fetch(file.url, {
      method: "PUT",
      headers: file.headers,
      body: new TextEncoder().encode(EICAR),
    });
    expect(replaced.status).toBe(200);
    expect(await (await fetch(await attachmentDownloadUrl(deps, b.id, file.id))).text()).toBe(list);
  });

  it("refuses the EICAR test file by name, deletes its object and row, and sends nothing", async () => {
    const { a, conversationId } = await friendsWithChat();
    const clean = await upload(a, conversationId, "a harmless note", "note.txt");
    const infected = await upload(a, conversationId, `${EICAR}\n`, "invoice.txt");
    const { key } = await deps.db.attachment.findUniqueOrThrow({ where: { id: infected.id } });
    const refused = await expectTrpcError(
      callerFor(a).chat.send({ conversationId, body: "see attached", attachmentIds: [clean.id, infected.id] }),
      "BAD_REQUEST",
      /^"invoice\.txt" looks like malware and was removed\.$/,
    );
    // The error names the upload, so the composer takes that file (and only it) off the message.
    expect((refused.cause as AppError).field).toBe(refusedUploadField(infected.id));
    expect(await deps.db.attachment.count({ where: { id: infected.id } })).toBe(0);
    expect(await objectExists(key)).toBe(false);
    expect(await deps.db.message.count({ where: { conversationId } })).toBe(0);
    // The clean file was scanned once and is kept: sent again without the other, it is not scanned again
    // (it goes through even while the scanner is down).
    const cleanKey = (await deps.db.attachment.findUniqueOrThrow({ where: { id: clean.id } })).key;
    expect(await storedKeys(conversationId)).toEqual([cleanKey]);
    const resent = await (
      await callerWithScannerDown(a)
    ).chat.send({ conversationId, body: "see attached", attachmentIds: [clean.id] });
    expect(resent.attachments.map((f) => f.name)).toEqual(["note.txt"]);
  });

  it("fails closed while clamd is unreachable: nothing is sent, the upload is kept for a retry", async () => {
    const { a, conversationId } = await friendsWithChat();
    const file = await upload(a, conversationId, "holiday plans", "plans.txt");
    const before = await deps.db.attachment.findUniqueOrThrow({ where: { id: file.id } });
    await expectTrpcError(
      (await callerWithScannerDown(a)).chat.send({ conversationId, body: "plans", attachmentIds: [file.id] }),
      "SERVICE_UNAVAILABLE",
      /could not be checked for malware.*Try again/,
    );
    expect(await deps.db.message.count({ where: { conversationId } })).toBe(0);
    expect(await deps.db.attachment.findUniqueOrThrow({ where: { id: file.id } })).toEqual(before);
    expect(await storedKeys(conversationId)).toEqual([before.key]);
    // Once clamd answers again, the same upload goes through.
    const message = await callerFor(a).chat.send({ conversationId, body: "plans", attachmentIds: [file.id] });
    expect(message.attachments.map((f) => f.id)).toEqual([file.id]);
  });
});
