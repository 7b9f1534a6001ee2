import { createHash, timingSafeEqual } from "node:crypto";
import type { Deps } from "../../infra/deps";
import { recordJitsiEvent } from "./jitsi-events";
import { isJitsiEventPath, parseJitsiEvent } from "./jitsi-events-schema";

export const WEBHOOK_SECRET_HEADER = "x-hearth-webhook-secret";
// A room destroyed lists every stay since the room was made; a megabyte holds thousands.
const MAX_BODY_BYTES = 1024 * 1024;

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

/** Compares digests, so neither the secret's content nor its length leaks through timing. */
function secretMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The event_sync webhook: POST /api/jitsi/events/{room/created|room/destroyed|occupant/joined|occupant/left}.
 * 503 when JITSI_WEBHOOK_SECRET is unset (a misconfigured deployment; event_sync retries 5xx and logs them);
 * 401 with no detail for a wrong or missing secret; 400 naming each invalid field; 200 for events recorded,
 * repeated, or ignored (unknown or breakout rooms), so event_sync stops retrying them.
 */
export async function handleJitsiWebhook(deps: Deps, request: Request, segments: string[]): Promise<Response> {
  const secret = deps.env.JITSI_WEBHOOK_SECRET;
  if (!secret) {
    console.error("[jitsi-events] JITSI_WEBHOOK_SECRET is not set: refusing Jitsi events");
    return json(503, { error: "Jitsi events are not configured." });
  }
  if (!secretMatches(request.headers.get(WEBHOOK_SECRET_HEADER), secret)) return new Response(null, { status: 401 });

  const path = segments.join("/");
  if (!isJitsiEventPath(path)) return json(404, { error: "No such event." });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return json(413, { error: "Payload too large." });
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return json(413, { error: "Payload too large." });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return json(400, { error: "The body is not valid JSON." });
  }
  const parsed = parseJitsiEvent(path, body);
  if (!parsed.ok) return json(400, { error: parsed.error });

  const outcome = await recordJitsiEvent(deps, parsed.event);
  return json(200, outcome.status === "ignored" ? { status: "ignored", reason: outcome.reason } : { status: outcome.status });
}
