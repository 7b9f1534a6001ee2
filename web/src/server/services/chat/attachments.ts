import "server-only";
import { randomBytes } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { z } from "zod";
import { AppError, notFound } from "../../errors";
import type { Db } from "../../infra/db";
import type { Deps } from "../../infra/deps";
import { requireMembership } from "./access";
import { isScanned, scanUpload } from "./scan-upload";
import { deleteStoredObjects } from "./stored-objects";

export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;
const FILE_TYPES = [
  "application/pdf",
  "text/plain",
  "application/zip",
  "audio/mpeg",
  "audio/mp4",
  "video/mp4",
  "video/webm",
] as const;
const UPLOAD_URL_TTL_SECONDS = 300;
const DOWNLOAD_URL_TTL_SECONDS = 60;

export const attachmentUploadInput = z.object({
  conversationId: z.string().min(1).max(64),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200, "File names have at most 200 characters.")
    // Stored as given for display; never used in a path or header without encoding.
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    .refine((name) => !/[\u0000-\u001f\u007f/\\]/.test(name), "That file name has characters we cannot keep."),
  contentType: z.enum([...IMAGE_TYPES, ...FILE_TYPES], "That kind of file cannot be shared here."),
  size: z.number().int().positive().max(ATTACHMENT_MAX_BYTES, "Files can be at most 25 MB."),
});

export interface AttachmentView {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
  isImage: boolean;
}

export const attachmentSelect = { id: true, name: true, contentType: true, size: true } as const;
export function toAttachmentView(row: { id: string; name: string; contentType: string; size: number }): AttachmentView {
  return {
    ...row,
    url: `/api/attachments/${row.id}`,
    isImage: (IMAGE_TYPES as readonly string[]).includes(row.contentType),
  };
}

/** Step 1: a presigned PUT for a private key, the declared type and size signed into it. Members only. */
export async function createAttachmentUpload(deps: Deps, userId: string, input: z.infer<typeof attachmentUploadInput>) {
  await requireMembership(deps.db, userId, input.conversationId);
  await deps.limits.attachmentUploadsPerUser.consume(userId);
  const key = `attachments/${input.conversationId}/${randomBytes(16).toString("hex")}`;
  const attachment = await deps.db.attachment.create({
    data: {
      conversationId: input.conversationId,
      uploaderId: userId,
      key,
      name: input.name,
      contentType: input.contentType,
      size: input.size,
    },
    select: { id: true },
  });
  const command = new PutObjectCommand({
    Bucket: deps.storage.bucket,
    Key: key,
    ContentType: input.contentType,
    ContentLength: input.size,
  });
  const url = await getSignedUrl(deps.storage.publicClient, command, {
    expiresIn: UPLOAD_URL_TTL_SECONDS,
    signableHeaders: new Set(["content-type", "content-length"]),
  });
  return { attachmentId: attachment.id, url, headers: { "Content-Type": input.contentType } };
}

/**
 * Step 2, inside sendMessage: the uploads must be the sender's own, in this conversation, not yet attached, really
 * in storage with the declared size, and scanned clean by clamd (scan-upload.ts; once per upload, so a retried
 * send does not scan again). Returns their ids to attach.
 */
export async function claimAttachments(
  deps: Deps,
  db: Db,
  userId: string,
  conversationId: string,
  ids: string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_ATTACHMENTS_PER_MESSAGE)
    throw new AppError("BAD_REQUEST", `A message can carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} files.`);
  const rows = await db.attachment.findMany({
    where: { id: { in: unique }, uploaderId: userId, conversationId, messageId: null },
    select: { id: true, key: true, size: true, name: true, conversationId: true },
  });
  if (rows.length !== unique.length) throw notFound("That upload");
  for (const row of rows) {
    const head = await deps.storage.client
      .send(new HeadObjectCommand({ Bucket: deps.storage.bucket, Key: row.key }))
      .catch(() => null);
    if (!head) throw new AppError("BAD_REQUEST", "A file has not finished uploading. Try again.");
    if (head.ContentLength !== row.size)
      throw new AppError("BAD_REQUEST", "A file's size does not match what was declared.");
  }
  for (const row of rows) if (!isScanned(row)) await scanUpload(deps, db, row);
  return unique;
}

/**
 * Where a member may download an attachment: a presigned GET valid for a minute. Images show inline; other files
 * download with their name. Non-members (and 1:1 conversations hidden by a block) get NOT_FOUND.
 */
export async function attachmentDownloadUrl(deps: Deps, userId: string, attachmentId: string): Promise<string> {
  const attachment = await deps.db.attachment.findUnique({
    where: { id: attachmentId },
    select: { conversationId: true, key: true, name: true, contentType: true, messageId: true, uploaderId: true },
  });
  if (!attachment) throw notFound("That file");
  // An outsider is told exactly what a wrong id is told, not that a conversation holds the file.
  await requireMembership(deps.db, userId, attachment.conversationId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "NOT_FOUND" ? notFound("That file") : error;
  });
  if (!attachment.messageId && attachment.uploaderId !== userId) throw notFound("That file");
  const inline = (IMAGE_TYPES as readonly string[]).includes(attachment.contentType);
  const filename = encodeURIComponent(attachment.name);
  const command = new GetObjectCommand({
    Bucket: deps.storage.bucket,
    Key: attachment.key,
    ResponseContentType: attachment.contentType,
    ResponseContentDisposition: `${inline ? "inline" : "attachment"}; filename*=UTF-8''${filename}`,
  });
  return getSignedUrl(deps.storage.publicClient, command, { expiresIn: DOWNLOAD_URL_TTL_SECONDS });
}

/** Uploads never attached to a message are forgotten after this long (the worker's sweep-unclaimed-uploads job removes them). */
export const UNCLAIMED_UPLOAD_MAX_AGE_MS = 24 * 3600_000;

/** Deletes uploads that never rode on a message (rows and objects), oldest first, in batches. */
export async function sweepUnclaimedUploads(
  deps: Deps,
  now = Date.now(),
  maxAgeMs = UNCLAIMED_UPLOAD_MAX_AGE_MS,
): Promise<number> {
  const stale = await deps.db.attachment.findMany({
    where: { messageId: null, createdAt: { lt: new Date(now - maxAgeMs) } },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: { id: true, key: true },
  });
  if (stale.length === 0) return 0;
  await deps.db.attachment.deleteMany({ where: { id: { in: stale.map((s) => s.id) }, messageId: null } });
  await deleteStoredObjects(
    deps,
    stale.map((s) => s.key),
  );
  return stale.length;
}
