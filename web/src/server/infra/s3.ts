import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import type { Env } from "./env";

export interface Storage {
  /** Used by the server itself. */
  client: S3Client;
  /** Signs URLs that browsers use; its endpoint is the public one. */
  publicClient: S3Client;
  bucket: string;
}

export function createStorage(env: Env): Storage {
  const common = {
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
    // s3rver and MinIO do not need the SDK's newer default checksums; keep presigned URLs simple.
    requestChecksumCalculation: "WHEN_REQUIRED" as const,
    responseChecksumValidation: "WHEN_REQUIRED" as const,
  };
  return {
    client: new S3Client({ ...common, endpoint: env.S3_ENDPOINT }),
    publicClient: new S3Client({ ...common, endpoint: env.S3_PUBLIC_ENDPOINT }),
    bucket: env.S3_BUCKET,
  };
}
