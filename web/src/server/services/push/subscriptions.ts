import { z } from "zod";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "Not base64url.");
export const pushSubscriptionInput = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: "Not a push endpoint." }).max(2048),
  keys: z.object({ p256dh: base64url.min(80).max(100), auth: base64url.min(16).max(32) }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

/** Saves this browser's subscription for the caller (re-subscribing from another account moves it). */
export async function subscribePush(deps: Deps, userId: string, input: PushSubscriptionInput, userAgent: string | null): Promise<void> {
  if (!deps.env.VAPID_PUBLIC_KEY) throw new AppError("BAD_REQUEST", "Push notifications are not enabled on this Hearth.");
  // Push services are HTTPS; plain http is accepted only outside production (local test doubles).
  if (deps.env.NODE_ENV === "production" && !input.endpoint.startsWith("https://")) throw new AppError("BAD_REQUEST", "That push endpoint is not secure.", { field: "endpoint" });
  const data = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: userAgent?.slice(0, 300) ?? null };
  await deps.db.pushSubscription.upsert({ where: { endpoint: input.endpoint }, create: { endpoint: input.endpoint, ...data }, update: data });
}

/** Removes the caller's subscription for an endpoint (someone else's is left alone). */
export async function unsubscribePush(deps: Deps, userId: string, endpoint: string): Promise<void> {
  await deps.db.pushSubscription.deleteMany({ where: { userId, endpoint } });
}
