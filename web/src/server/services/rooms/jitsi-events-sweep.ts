import type { Deps } from "../../infra/deps";

/** event_sync retries within seconds (api_retry_count × api_retry_delay), so a day of delivery keys is plenty. */
export const DELIVERY_KEYS_KEPT_MS = 24 * 3600_000;

/** Forgets delivery keys no retry can still repeat; run by the worker's maintenance tick. */
export async function pruneWebhookDeliveries(deps: Pick<Deps, "db">, now = Date.now()): Promise<number> {
  const { count } = await deps.db.webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now - DELIVERY_KEYS_KEPT_MS) } } });
  return count;
}
