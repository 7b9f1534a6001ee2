import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { DataExportStatus } from "@/generated/prisma/client";
import { notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "../accounts/audit";
import { deleteStoredObjects } from "../chat/stored-objects";
import { emailDay } from "../mail/templates";
import { notify } from "../notifications/notifications";
import { readObject } from "../profiles/avatars";
import {
  accountFile,
  callsFile,
  conversationsFile,
  EXPORT_README,
  friendsFile,
  meetingsFile,
  pushSubscriptionsFile,
  reactionsFile,
  sentMessagesJson,
} from "./export-contents";
import { ZipFile } from "./zip-file";

const DOWNLOAD_URL_TTL_SECONDS = 60;
/** A request made while one is still being built returns that one instead of queueing another. */
const PENDING_REUSE_MS = 3600_000;

export interface DataExportView {
  id: string;
  /** EXPIRED as soon as expiresAt has passed, even before the worker has swept the file. */
  status: DataExportStatus;
  createdAt: Date;
  expiresAt: Date | null;
  /** Signed-in owners only; a 302 to a short-lived link (see /api/exports/[exportId]). */
  downloadUrl: string | null;
}

function toView(
  row: { id: string; status: DataExportStatus; createdAt: Date; expiresAt: Date | null },
  now: number,
): DataExportView {
  const expired =
    row.status === "EXPIRED" || (row.status === "READY" && !!row.expiresAt && row.expiresAt.getTime() <= now);
  const status = expired ? "EXPIRED" : row.status;
  return {
    id: row.id,
    status,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    downloadUrl: status === "READY" ? `/api/exports/${row.id}` : null,
  };
}

/** The user's newest export, for Settings; null when they never asked. */
export async function latestDataExport(deps: Deps, userId: string, now = Date.now()): Promise<DataExportView | null> {
  const row = await deps.db.dataExport.findFirst({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, createdAt: true, expiresAt: true },
  });
  return row ? toView(row, now) : null;
}

/**
 * Asks the worker for a fresh archive of the user's data (rate-limited). Older exports are removed (file and row):
 * one archive per person is enough, and fewer copies of personal data lie around.
 */
export async function requestDataExport(
  deps: Deps,
  userId: string,
  client: { ip: string },
  now = Date.now(),
): Promise<DataExportView> {
  const pending = await deps.db.dataExport.findFirst({
    where: { userId, status: "PENDING", createdAt: { gt: new Date(now - PENDING_REUSE_MS) } },
    orderBy: { createdAt: "desc" },
  });
  if (pending) return toView(pending, now);
  await deps.limits.dataExportsPerUser.consume(userId);
  const older = await deps.db.dataExport.findMany({ where: { userId }, select: { id: true, key: true } });
  const created = await deps.db.dataExport.create({
    data: { userId },
    select: { id: true, status: true, createdAt: true, expiresAt: true },
  });
  await deps.db.dataExport.deleteMany({ where: { id: { in: older.map((o) => o.id) } } });
  await deleteStoredObjects(
    deps,
    older.flatMap((o) => (o.key ? [o.key] : [])),
  );
  await deps.dataExports.enqueue(created.id);
  // A copy of everything is what someone with a stolen session would want: it leaves a trace.
  await audit(deps.db, "account.data-export-requested", { userId, ip: client.ip, detail: { exportId: created.id } });
  return toView(created, now);
}

/**
 * The worker's job: writes the archive to a temporary file, uploads it under a random key, marks the export ready
 * until DATA_EXPORT_TTL_DAYS from now, then tells the user by email and in their notifications. A job for an export
 * that is gone or already built does nothing (retries and duplicates are harmless). When the last attempt fails
 * too, the export is marked FAILED, so Settings offers to try again.
 */
export async function buildDataExport(
  deps: Deps,
  exportId: string,
  options: { finalAttempt?: boolean; now?: number } = {},
): Promise<void> {
  try {
    await buildArchive(deps, exportId, options.now ?? Date.now());
  } catch (error) {
    if (options.finalAttempt)
      await deps.db.dataExport.updateMany({ where: { id: exportId, status: "PENDING" }, data: { status: "FAILED" } });
    throw error;
  }
}

async function buildArchive(deps: Deps, exportId: string, now: number): Promise<void> {
  const row = await deps.db.dataExport.findUnique({ where: { id: exportId }, select: { userId: true, status: true } });
  if (!row || row.status !== "PENDING") return;
  const userId = row.userId;
  const dir = await mkdtemp(path.join(tmpdir(), "hearth-export-"));
  try {
    const file = path.join(dir, "export.zip");
    await writeArchive(deps, userId, file);
    const key = `exports/${userId}/${randomBytes(24).toString("hex")}.zip`;
    const size = (await stat(file)).size;
    await deps.storage.client.send(
      new PutObjectCommand({
        Bucket: deps.storage.bucket,
        Key: key,
        Body: createReadStream(file),
        ContentLength: size,
        ContentType: "application/zip",
      }),
    );
    const expiresAt = new Date(now + deps.env.DATA_EXPORT_TTL_DAYS * 86_400_000);
    const { count } = await deps.db.dataExport.updateMany({
      where: { id: exportId, status: "PENDING" },
      data: { status: "READY", key, size, readyAt: new Date(now), expiresAt },
    });
    // Replaced or deleted meanwhile (a newer request, the account purged): the upload has no row to serve it.
    if (count === 0) return void (await deleteStoredObjects(deps, [key]));
    await announceReady(deps, userId, expiresAt);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeArchive(deps: Deps, userId: string, file: string): Promise<void> {
  const zip = new ZipFile(file);
  const account = await accountFile(deps, userId);
  await zip.addStream("README.txt", [EXPORT_README]);
  await zip.addJson("account.json", account);
  if (account.hasAvatar) {
    const { avatarKey } = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { avatarKey: true } });
    const bytes = avatarKey ? await readObject(deps, avatarKey) : null;
    if (bytes) await zip.addStream("avatar.webp", [bytes]);
  }
  await zip.addJson("friends.json", await friendsFile(deps.db, userId));
  await zip.addJson("conversations.json", await conversationsFile(deps.db, userId));
  await zip.addStream("messages.json", sentMessagesJson(deps.db, userId));
  await zip.addJson("reactions.json", await reactionsFile(deps.db, userId));
  await zip.addJson("calls.json", await callsFile(deps.db, userId));
  await zip.addJson("meetings.json", await meetingsFile(deps.db, userId));
  await zip.addJson("push-subscriptions.json", await pushSubscriptionsFile(deps.db, userId));
  await zip.close();
}

async function announceReady(deps: Deps, userId: string, expiresAt: Date): Promise<void> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, displayName: true },
  });
  await notify(deps, { userId, kind: "DATA_EXPORT_READY" });
  await deps.mail.enqueue(
    {
      template: "data-export-ready",
      to: user.email,
      displayName: user.displayName,
      url: new URL("/settings/security#download-my-data", deps.env.APP_URL).toString(),
      expiresOn: emailDay(expiresAt),
    },
    `data-export-${userId}-${expiresAt.getTime()}`,
  );
}

/** The owner's one-minute download link; anyone else, or an export that is not ready or has expired, gets NOT_FOUND. */
export async function dataExportDownloadUrl(
  deps: Deps,
  userId: string,
  exportId: string,
  now = Date.now(),
): Promise<string> {
  const row = await deps.db.dataExport.findFirst({
    where: { id: exportId, userId, status: "READY", expiresAt: { gt: new Date(now) } },
    select: { key: true, readyAt: true, user: { select: { username: true } } },
  });
  if (!row?.key) throw notFound("That export");
  const day = (row.readyAt ?? new Date(now)).toISOString().slice(0, 10);
  const command = new GetObjectCommand({
    Bucket: deps.storage.bucket,
    Key: row.key,
    ResponseContentType: "application/zip",
    ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(`hearth-${row.user.username}-${day}.zip`)}`,
  });
  return getSignedUrl(deps.storage.publicClient, command, { expiresIn: DOWNLOAD_URL_TTL_SECONDS });
}

/** The worker's sweep-expired-exports job: expired archives are deleted from storage; their rows stay as EXPIRED (no key) for Settings. */
export async function sweepExpiredExports(deps: Deps, now = Date.now()): Promise<number> {
  const expired = await deps.db.dataExport.findMany({
    where: { status: "READY", expiresAt: { lte: new Date(now) } },
    take: 200,
    select: { id: true, key: true },
  });
  if (expired.length === 0) return 0;
  await deps.db.dataExport.updateMany({
    where: { id: { in: expired.map((e) => e.id) } },
    data: { status: "EXPIRED", key: null },
  });
  await deleteStoredObjects(
    deps,
    expired.flatMap((e) => (e.key ? [e.key] : [])),
  );
  return expired.length;
}
