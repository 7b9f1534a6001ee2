import "server-only";
import type { Redis } from "ioredis";
import type { Db } from "./db";
import { createDb } from "./db";
import { env as readEnv, type Env } from "./env";
import { createLimits, type Limits } from "./limits";
import { createClamdScanner, parseClamdUrl, unconfiguredScanner, type MalwareScanner } from "./malware-scanner";
import {
  createCallTimers,
  createDataExportQueue,
  createDigestQueue,
  createMailQueue,
  createPushQueue,
  type CallTimers,
  type DataExportQueue,
  type DigestQueue,
  type MailQueue,
  type PushQueue,
} from "./queues";
import { createRedis } from "./redis";
import { createStorage, type Storage } from "./s3";
import { SubscriberHub } from "../services/realtime/subscriber-hub";

/** What domain services need. Routers, the worker and tests each build one; services never import globals. */
export interface Deps {
  env: Env;
  db: Db;
  redis: Redis;
  limits: Limits;
  mail: MailQueue;
  digests: DigestQueue;
  push: PushQueue;
  callTimers: CallTimers;
  dataExports: DataExportQueue;
  storage: Storage;
  /** Scans uploads (clamd); without CLAMD_URL (development only) it refuses everything. */
  scanner: MalwareScanner;
  /** The process's shared Redis subscriber for live events, opened on first use. */
  hub(): SubscriberHub;
}

export function createDeps(env: Env): Deps {
  const redis = createRedis(env.REDIS_URL);
  let hub: SubscriberHub | undefined;
  return {
    env,
    db: createDb(env.DATABASE_URL),
    redis,
    limits: createLimits(redis),
    mail: createMailQueue(redis),
    digests: createDigestQueue(redis),
    push: createPushQueue(redis),
    callTimers: createCallTimers(redis),
    dataExports: createDataExportQueue(redis),
    storage: createStorage(env),
    scanner: env.CLAMD_URL ? createClamdScanner(parseClamdUrl(env.CLAMD_URL)) : unconfiguredScanner,
    hub: () => (hub ??= new SubscriberHub(createRedis(env.REDIS_URL, { forWorker: true }))),
  };
}

const globalForDeps = globalThis as unknown as { hearthDeps?: Deps };

/** The web process's dependencies (one set per process). */
export function deps(): Deps {
  globalForDeps.hearthDeps ??= createDeps(readEnv());
  return globalForDeps.hearthDeps;
}
