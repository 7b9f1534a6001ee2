import "server-only";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import type { Deps } from "../../infra/deps";

/** Removes stored files; one that is already gone (or fails) is logged, never fatal: the rows are what serve files. */
export async function deleteStoredObjects(deps: Deps, keys: string[]): Promise<void> {
  for (const key of keys) {
    await deps.storage.client
      .send(new DeleteObjectCommand({ Bucket: deps.storage.bucket, Key: key }))
      .catch((error: unknown) => {
        console.warn(`[attachments] could not delete ${key}: ${(error as Error).message}`);
      });
  }
}
