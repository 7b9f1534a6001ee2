import "server-only";
import type { Redis } from "ioredis";
import type { UserEvent } from "./events";
import { compareEventIds, EPHEMERAL_ID, readEventsAfter } from "./event-stream";
import type { SubscriberHub } from "./subscriber-hub";

/**
 * A user's live events as an async iterator: first whatever came after `lastEventId` (from the Redis stream),
 * then live events, each exactly once and in order. Live events are buffered from before the backlog is read,
 * and anything at or before the last id already yielded is skipped, so the seam between the two has no gap and
 * no duplicate. Ephemeral events (id "-") pass straight through.
 */
export async function* userEventStream(
  deps: { redis: Redis; hub: SubscriberHub },
  userId: string,
  lastEventId: string | null,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ id: string; event: UserEvent }> {
  const queue: { id: string; event: UserEvent }[] = [];
  let wake: (() => void) | null = null;
  const stop = await deps.hub.listen(userId, (id, event) => {
    queue.push({ id, event });
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  try {
    let cursor = lastEventId;
    if (lastEventId) {
      const backlog = await readEventsAfter(deps.redis, userId, lastEventId);
      if (backlog === null) {
        yield { id: lastEventId, event: { type: "resync" } };
      } else {
        for (const item of backlog) {
          yield item;
          cursor = item.id;
        }
      }
    }
    yield { id: EPHEMERAL_ID, event: { type: "ready" } };
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next) {
        if (next.id === EPHEMERAL_ID) {
          yield next;
          continue;
        }
        if (cursor && compareEventIds(next.id, cursor) <= 0) continue;
        cursor = next.id;
        yield next;
        continue;
      }
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
      wake = null;
    }
  } finally {
    await stop();
  }
}
