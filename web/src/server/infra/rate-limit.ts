import "server-only";
import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis as IORedis } from "ioredis";
import { tooManyRequests } from "../errors";

/**
 * @upstash/ratelimit speaks to Upstash's REST client; this adapter lets it run on a self-hosted Redis via ioredis.
 * It only ever calls eval/evalsha. Stock Redis rejects Upstash's `#!lua flags=allow-key-locking` shebang, so the
 * scripts are rewritten, and Upstash's hashes (of the original text) are mapped to the rewritten scripts.
 */
export class UpstashRedisAdapter {
  private readonly scriptsByUpstashHash = new Map<string, string>();
  constructor(private readonly client: IORedis) {}

  async eval(script: string, keys: string[], args: unknown[]): Promise<unknown> {
    const rewritten = script.replace(/^#!lua[^\n]*\n/, "");
    this.scriptsByUpstashHash.set(sha1(script), rewritten);
    return this.client.eval(rewritten, keys.length, ...keys, ...args.map(toArg));
  }

  async evalsha(hash: string, keys: string[], args: unknown[]): Promise<unknown> {
    const script = this.scriptsByUpstashHash.get(hash);
    if (!script) throw new Error("NOSCRIPT (not yet loaded through this adapter)");
    try {
      return await this.client.evalsha(sha1(script), keys.length, ...keys, ...args.map(toArg));
    } catch (error) {
      if (String(error).includes("NOSCRIPT")) return this.client.eval(script, keys.length, ...keys, ...args.map(toArg));
      throw error;
    }
  }
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const toArg = (value: unknown): string | number =>
  value === null || value === undefined ? "" : (value as string | number);

type Window = Parameters<typeof Ratelimit.slidingWindow>[1];

export interface Limiter {
  /** Counts one hit; throws TOO_MANY_REQUESTS (with when to retry) once over the limit. */
  consume(identifier: string): Promise<void>;
  /** Throws TOO_MANY_REQUESTS if the limit is already used up, without counting a hit. */
  assertNotExhausted(identifier: string): Promise<void>;
  reset(identifier: string): Promise<void>;
}

export function createLimiter(client: IORedis, name: string, tokens: number, window: Window, what: string): Limiter {
  const ratelimit = new Ratelimit({
    // The adapter implements exactly the surface Ratelimit uses.
    redis: new UpstashRedisAdapter(client) as unknown as ConstructorParameters<typeof Ratelimit>[0]["redis"],
    limiter: Ratelimit.slidingWindow(tokens, window),
    prefix: `rl:${name}`,
    analytics: false,
    enableProtection: false,
    ephemeralCache: false,
  });
  return {
    async consume(identifier) {
      const result = await ratelimit.limit(identifier);
      if (!result.success) throw tooManyRequests(result.reset, what);
    },
    async assertNotExhausted(identifier) {
      const { remaining, reset } = await ratelimit.getRemaining(identifier);
      if (remaining <= 0) throw tooManyRequests(reset, what);
    },
    async reset(identifier) {
      await ratelimit.resetUsedTokens(identifier);
    },
  };
}
