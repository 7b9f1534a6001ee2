import "server-only";
import type { Deps } from "../../infra/deps";
import { groupCallsAvailable } from "./jitsi-availability";

/** One Redis hash: when a webhook delivery last got through, and when one was last turned away (wrong secret). */
const WEBHOOK_KEY = "jitsi:webhook:last";

/** Called by the webhook for each delivery that passed (or failed) the secret check: the admin page shows both. */
export async function noteWebhookDelivery(
  deps: Pick<Deps, "redis">,
  outcome: "accepted" | "refused",
  event: string,
  now = Date.now(),
): Promise<void> {
  await deps.redis.hset(WEBHOOK_KEY, { [`${outcome}At`]: String(now), [`${outcome}Event`]: event.slice(0, 64) });
}

export interface WebhookDelivery {
  at: Date;
  event: string;
}

export type JitsiStatus =
  | { configured: false }
  | {
      configured: true;
      domain: string;
      /** Without JITSI_WEBHOOK_SECRET the webhook answers 503 to everything. */
      webhookSecretSet: boolean;
      lastEvent: WebhookDelivery | null;
      lastRefused: WebhookDelivery | null;
    };

/** What the admin Jitsi page says: whether group calls are on, and whether Jitsi's room events reach Hearth. */
export async function jitsiStatus(deps: Pick<Deps, "env" | "redis">): Promise<JitsiStatus> {
  if (!groupCallsAvailable(deps.env) || !deps.env.JITSI_DOMAIN) return { configured: false };
  const seen = await deps.redis.hgetall(WEBHOOK_KEY);
  const delivery = (outcome: "accepted" | "refused"): WebhookDelivery | null => {
    const at = Number(seen[`${outcome}At`]);
    return Number.isFinite(at) && at > 0 ? { at: new Date(at), event: seen[`${outcome}Event`] ?? "" } : null;
  };
  return {
    configured: true,
    domain: deps.env.JITSI_DOMAIN,
    webhookSecretSet: Boolean(deps.env.JITSI_WEBHOOK_SECRET),
    lastEvent: delivery("accepted"),
    lastRefused: delivery("refused"),
  };
}
