import "server-only";
import { Redis } from "ioredis";

export function createRedis(url: string, options: { forWorker?: boolean } = {}): Redis {
  // BullMQ workers block on Redis and require maxRetriesPerRequest: null.
  return new Redis(url, { maxRetriesPerRequest: options.forWorker ? null : 3 });
}
