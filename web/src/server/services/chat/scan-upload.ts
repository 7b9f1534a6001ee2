import "server-only";
import { randomBytes } from "node:crypto";
import { CopyObjectCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { AppError } from "../../errors";
import type { Db } from "../../infra/db";
import type { Deps } from "../../infra/deps";
import { ScannerUnavailableError } from "../../infra/malware-scanner";
import { refusedUploadField } from "@/lib/refused-uploads";
import { deleteStoredObjects } from "./stored-objects";

/**
 * Scanned attachments live under their own keys. The browser's presigned PUT stays valid for minutes after an
 * upload, so the bytes at the upload key could be replaced after a scan; the scan is therefore made on a
 * server-side copy that no upload URL points to, and the row moves to that copy. A key under this prefix is thus
 * also the record that the upload was scanned: a retried send does not scan it again.
 */
export const scannedKeyPrefix = (conversationId: string) => `attachments/${conversationId}/scanned/`;
export const isScanned = (row: { key: string; conversationId: string }) =>
  row.key.startsWith(scannedKeyPrefix(row.conversationId));

export interface UploadToScan {
  id: string;
  key: string;
  name: string;
  conversationId: string;
}

/**
 * Scans one upload with clamd. Clean: the row now points at the scanned copy and the upload object is removed.
 * Malware: row and objects are deleted and the sender is told which file. Scanner down or failing: the upload is
 * kept as it was and nothing may be sent (fail closed).
 */
export async function scanUpload(deps: Deps, db: Db, upload: UploadToScan): Promise<void> {
  const { client, bucket } = deps.storage;
  const scannedKey = `${scannedKeyPrefix(upload.conversationId)}${randomBytes(16).toString("hex")}`;
  const removeCopy = () => deleteStoredObjects(deps, [scannedKey]);
  let verdict;
  try {
    await client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: scannedKey, CopySource: `${bucket}/${upload.key}` }),
    );
    verdict = await deps.scanner.scan(
      async () =>
        (await client.send(new GetObjectCommand({ Bucket: bucket, Key: scannedKey })))
          .Body as AsyncIterable<Uint8Array>,
    );
  } catch (error) {
    await removeCopy();
    if (!(error instanceof ScannerUnavailableError)) throw error;
    console.error(`[uploads] malware scan failed for attachment ${upload.id}: ${error.message}`);
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "Your files could not be checked for malware just now, so nothing was sent. Try again in a moment.",
      { cause: error },
    );
  }
  if (!verdict.clean) {
    console.warn(`[uploads] attachment ${upload.id} refused: ${verdict.signature}`);
    await db.attachment.deleteMany({ where: { id: upload.id, messageId: null } });
    await deleteStoredObjects(deps, [upload.key, scannedKey]);
    throw new AppError("BAD_REQUEST", `"${upload.name}" looks like malware and was removed.`, {
      field: refusedUploadField(upload.id),
    });
  }
  const { count } = await db.attachment.updateMany({
    where: { id: upload.id, key: upload.key, messageId: null },
    data: { key: scannedKey },
  });
  if (count === 0) {
    // Another send of the same upload moved (or removed) it first.
    await removeCopy();
    throw new AppError("CONFLICT", "That file is already being sent.");
  }
  await deleteStoredObjects(deps, [upload.key]);
}
