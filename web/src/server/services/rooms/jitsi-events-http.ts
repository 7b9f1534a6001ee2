import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { recordJitsiEvent } from "./jitsi-events";
import { isJitsiEventPath, parseJitsiEvent } from "./jitsi-events-schema";
import { noteWebhookDelivery } from "./jitsi-status";

export const WEBHOOK_SECRET_HEADER = "x-hearth-webhook-secret";
/** A signed delivery instead: unix seconds, and `sha256=` + hex HMAC-SHA256(secret, "<timestamp>.<body>"). */
export const WEBHOOK_TIMESTAMP_HEADER = "x-hearth-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "x-hearth-signature";
/** How old (or how far in the future) a signed delivery may be: a captured one cannot be replayed later. */
export const SIGNED_DELIVERY_MAX_AGE_SECONDS = 300;
// A room destroyed lists every stay since the room was made; a megabyte holds thousands.
const MAX_BODY_BYTES = 1024 * 1024;

const unauthorized = () => new AppError("UNAUTHORIZED", "The webhook secret or signature is missing or wrong.");
const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "Payload too large.");

/** Compares digests, so neither the secret's content nor its length leaks through timing. */
function secretMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A signature over the timestamp and the exact body, with a timestamp no more than five minutes off. */
export function signedDeliveryValid(
  secret: string,
  timestamp: string | null,
  signature: string,
  body: string,
  nowMs = Date.now(),
): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNED_DELIVERY_MAX_AGE_SECONDS) return false;
  return secretMatches(
    signature,
    `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`,
  );
}

/**
 * The event_sync webhook: POST /api/jitsi/events/{room/created|room/destroyed|occupant/joined|occupant/left}.
 * Refusals are thrown as AppErrors for the route's error response: SERVICE_UNAVAILABLE when JITSI_WEBHOOK_SECRET
 * is unset (a misconfigured deployment; event_sync retries 5xx and logs them); UNAUTHORIZED, the same for every
 * reason, for a wrong or missing secret (or a bad or stale signature, when the delivery is signed instead);
 * BAD_REQUEST naming each invalid field. 200 for events recorded, repeated, or ignored (unknown or breakout
 * rooms), so event_sync stops retrying them.
 */
export async function handleJitsiWebhook(deps: Deps, request: Request, segments: string[]): Promise<Response> {
  const secret = deps.env.JITSI_WEBHOOK_SECRET;
  if (!secret) {
    console.error("[jitsi-events] JITSI_WEBHOOK_SECRET is not set: refusing Jitsi events");
    throw new AppError("SERVICE_UNAVAILABLE", "Jitsi events are not configured.");
  }
  const signature = request.headers.get(WEBHOOK_SIGNATURE_HEADER);
  const path = segments.join("/");
  // The admin's Jitsi page shows when events last arrived, and when one was last turned away for its secret.
  const refused = async () => {
    // Anyone can knock here: an unknown path is not repeated to the admin.
    await noteWebhookDelivery(deps, "refused", isJitsiEventPath(path) ? path : "an unknown event");
    return unauthorized();
  };
  // event_sync can only send a fixed header, so the shared secret is the default; a signed delivery is checked below.
  if (signature === null && !secretMatches(request.headers.get(WEBHOOK_SECRET_HEADER), secret)) throw await refused();

  if (!isJitsiEventPath(path)) throw new AppError("NOT_FOUND", "No such event.");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw tooLarge();
  if (signature !== null && !signedDeliveryValid(secret, request.headers.get(WEBHOOK_TIMESTAMP_HEADER), signature, raw))
    throw await refused();
  await noteWebhookDelivery(deps, "accepted", path);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
  const parsed = parseJitsiEvent(path, body);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.error, { fieldErrors: parsed.fieldErrors });

  const outcome = await recordJitsiEvent(deps, parsed.event);
  return Response.json(
    outcome.status === "ignored" ? { status: "ignored", reason: outcome.reason } : { status: outcome.status },
  );
}
