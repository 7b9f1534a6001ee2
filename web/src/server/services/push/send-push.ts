import "server-only";
import webpush from "web-push";
import type { Deps } from "../../infra/deps";
import { pushJobSchema } from "../../infra/queues";
import { isAllowedPushEndpoint } from "./subscriptions";

/**
 * Delivers one push job to every browser the user subscribed: the payload is encrypted for each (aes128gcm) and
 * signed with our VAPID key. Subscriptions the push service says are gone (404/410) are deleted.
 */
export async function sendPushJob(deps: Deps, payload: unknown): Promise<{ delivered: number; removed: number }> {
  const job = pushJobSchema.parse(payload);
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = deps.env;
  if (!VAPID_PUBLIC_KEY || !VAPID_PRIVATE_KEY) return { delivered: 0, removed: 0 };
  const subscriptions = await deps.db.pushSubscription.findMany({ where: { userId: job.userId } });
  let delivered = 0;
  let removed = 0;
  const body = JSON.stringify({ title: job.title, body: job.body, url: job.url, tag: job.tag });
  for (const subscription of subscriptions) {
    // Stored before the allow-list changed, or otherwise not a push service: forget it, never send to it.
    if (!isAllowedPushEndpoint(deps.env, subscription.endpoint)) {
      await deps.db.pushSubscription.delete({ where: { id: subscription.id } }).catch(() => undefined);
      removed++;
      continue;
    }
    // web-push builds the signed, encrypted request; fetch sends it (and, unlike web-push's own https-only sender,
    // also reaches a plain-http test double of a push service).
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      body,
      {
        vapidDetails: { subject: VAPID_SUBJECT, publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY },
        TTL: 3600,
        contentEncoding: "aes128gcm",
        urgency: "normal",
        topic: job.tag?.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32) || undefined,
      },
    );
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: request.body ? new Uint8Array(request.body) : undefined,
      signal: AbortSignal.timeout(15_000),
      // A push service answers; it does not send us elsewhere. A redirect is never followed.
      redirect: "manual",
    });
    if (response.ok) {
      delivered++;
    } else if (response.status === 404 || response.status === 410) {
      await deps.db.pushSubscription.delete({ where: { id: subscription.id } }).catch(() => undefined);
      removed++;
    } else {
      throw new Error(`push service answered ${response.status} for subscription ${subscription.id}`);
    }
  }
  return { delivered, removed };
}
