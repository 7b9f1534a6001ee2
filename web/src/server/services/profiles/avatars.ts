import "server-only";
import { randomBytes } from "node:crypto";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import sharp from "sharp";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { avatarUrl } from "../social/user-card";
import { AVATAR_MAX_BYTES, type AVATAR_TYPES } from "./schemas";

const UPLOAD_URL_TTL_SECONDS = 300;
export const AVATAR_SIZE = 256;

const uploadPrefix = (userId: string) => `uploads/avatars/${userId}/`;

/**
 * Step 1 of an avatar change: a presigned PUT for a private upload key under the caller's own prefix.
 * The declared type and size are signed into the URL, and checked again on the bytes in confirmAvatar.
 */
export async function createAvatarUpload(
  deps: Deps,
  userId: string,
  input: { contentType: (typeof AVATAR_TYPES)[number]; size: number },
): Promise<{ uploadKey: string; url: string; headers: Record<string, string> }> {
  await deps.limits.avatarUploadsPerUser.consume(userId);
  const uploadKey = `${uploadPrefix(userId)}${randomBytes(16).toString("hex")}`;
  const command = new PutObjectCommand({
    Bucket: deps.storage.bucket,
    Key: uploadKey,
    ContentType: input.contentType,
    ContentLength: input.size,
  });
  const url = await getSignedUrl(deps.storage.publicClient, command, {
    expiresIn: UPLOAD_URL_TTL_SECONDS,
    signableHeaders: new Set(["content-type", "content-length"]),
  });
  return { uploadKey, url, headers: { "Content-Type": input.contentType } };
}

/**
 * Step 2: reads the uploaded bytes, checks they are really a small image, stores a 256×256 WebP as the avatar
 * and removes the upload and the previous avatar. Keys outside the caller's prefix are NOT_FOUND.
 */
export async function confirmAvatar(deps: Deps, userId: string, uploadKey: string): Promise<{ avatarUrl: string }> {
  const avatarKey = await storeAvatarFromUpload(deps, userId, uploadKey, `avatars/${userId}`);
  const previous = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { avatarKey: true } });
  await deps.db.user.update({ where: { id: userId }, data: { avatarKey } });
  if (previous.avatarKey) await deleteObject(deps, previous.avatarKey);
  return { avatarUrl: avatarUrl(userId, avatarKey)! };
}

/**
 * Turns the caller's upload (from createAvatarUpload) into a 256×256 WebP stored under `targetPrefix` and returns
 * its key; the upload itself is always removed. Shared by profile and group avatars.
 */
export async function storeAvatarFromUpload(
  deps: Deps,
  userId: string,
  uploadKey: string,
  targetPrefix: string,
): Promise<string> {
  if (!uploadKey.startsWith(uploadPrefix(userId)) || uploadKey.includes(".."))
    throw new AppError("NOT_FOUND", "That upload was not found.");
  const bytes = await readObject(deps, uploadKey);
  if (!bytes) throw new AppError("NOT_FOUND", "That upload was not found. Upload the image again.");
  try {
    if (bytes.length > AVATAR_MAX_BYTES) throw new AppError("BAD_REQUEST", "Avatars can be at most 5 MB.");
    const resized = await resizeAvatar(bytes);
    const key = `${targetPrefix}/${randomBytes(12).toString("hex")}.webp`;
    await deps.storage.client.send(
      new PutObjectCommand({
        Bucket: deps.storage.bucket,
        Key: key,
        Body: resized,
        ContentType: "image/webp",
        CacheControl: "public, max-age=31536000, immutable",
      }),
    );
    return key;
  } finally {
    await deleteObject(deps, uploadKey);
  }
}

export async function removeAvatar(deps: Deps, userId: string): Promise<void> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { avatarKey: true } });
  if (!user.avatarKey) return;
  await deps.db.user.update({ where: { id: userId }, data: { avatarKey: null } });
  await deleteObject(deps, user.avatarKey);
}

async function resizeAvatar(bytes: Buffer): Promise<Buffer> {
  let format: string | undefined;
  try {
    const meta = await sharp(bytes).metadata();
    format = meta.format;
    if (!meta.width || !meta.height || meta.width * meta.height > 40_000_000) throw new Error("dimensions");
  } catch {
    throw new AppError("BAD_REQUEST", "That file is not an image we can read. Use a JPEG, PNG, WebP or GIF.");
  }
  if (!["jpeg", "png", "webp", "gif"].includes(format ?? ""))
    throw new AppError("BAD_REQUEST", "Avatars must be JPEG, PNG, WebP or GIF images.");
  try {
    // The header can be valid while the pixel data is not; decoding finds out.
    return await sharp(bytes)
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new AppError("BAD_REQUEST", "That file is not an image we can read. Use a JPEG, PNG, WebP or GIF.");
  }
}

export async function readObject(deps: Deps, key: string): Promise<Buffer | null> {
  try {
    const object = await deps.storage.client.send(new GetObjectCommand({ Bucket: deps.storage.bucket, Key: key }));
    return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return null;
    throw error;
  }
}

export async function deleteObject(deps: Deps, key: string): Promise<void> {
  await deps.storage.client.send(new DeleteObjectCommand({ Bucket: deps.storage.bucket, Key: key }));
}
