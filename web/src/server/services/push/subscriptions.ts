import "server-only";
import { z } from "zod";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "Not base64url.");
export const pushSubscriptionInput = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: "Not a push endpoint." }).max(2048),
  keys: z.object({ p256dh: base64url.min(80).max(100), auth: base64url.min(16).max(32) }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

/** Browsers (a phone, a laptop, a work computer...) one person keeps subscribed; the oldest go beyond this. */
export const PUSH_SUBSCRIPTIONS_PER_USER = 20;

/**
 * Whether the server may POST to this endpoint: a known push service's host (PUSH_SERVICE_HOSTS), over HTTPS
 * (plain http only outside production, for local test doubles). Checked when subscribing and again when sending.
 */
export function isAllowedPushEndpoint(
  env: { PUSH_SERVICE_HOSTS: string[]; NODE_ENV: string },
  endpoint: string,
): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && env.NODE_ENV !== "production")) return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return env.PUSH_SERVICE_HOSTS.some((allowed) => {
    const rule = allowed.toLowerCase();
    return rule.startsWith("*.") ? host.endsWith(rule.slice(1)) && host.length > rule.length - 1 : host === rule;
  });
}

/** Saves this browser's subscription for the caller (re-subscribing from another account moves it). */
export async function subscribePush(
  deps: Deps,
  userId: string,
  input: PushSubscriptionInput,
  userAgent: string | null,
): Promise<void> {
  if (!deps.env.VAPID_PUBLIC_KEY)
    throw new AppError("BAD_REQUEST", "Push notifications are not enabled on this Hearth.");
  if (!isAllowedPushEndpoint(deps.env, input.endpoint))
    throw new AppError("BAD_REQUEST", "That is not a push service this Hearth sends notifications through.", {
      field: "endpoint",
    });
  await deps.limits.pushSubscriptionsPerUser.consume(userId);
  const data = {
    userId,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    userAgent: userAgent?.slice(0, 300) ?? null,
  };
  await deps.db.pushSubscription.upsert({
    where: { endpoint: input.endpoint },
    create: { endpoint: input.endpoint, ...data },
    update: data,
  });
  // Keep the most recent browsers; older subscriptions (long-gone devices, usually) make room.
  const stale = await deps.db.pushSubscription.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: PUSH_SUBSCRIPTIONS_PER_USER,
    select: { id: true },
  });
  if (stale.length > 0) await deps.db.pushSubscription.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
}

/** Removes the caller's subscription for an endpoint (someone else's is left alone). */
export async function unsubscribePush(deps: Deps, userId: string, endpoint: string): Promise<void> {
  await deps.db.pushSubscription.deleteMany({ where: { userId, endpoint } });
}
