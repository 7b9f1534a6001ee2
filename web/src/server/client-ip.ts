/**
 * The client address used for per-IP rate limits. `next start` sets x-forwarded-for from the socket; behind a
 * reverse proxy, the proxy must set it (and strip what clients send). The last hop is the one our side added.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ?? headers.get("x-real-ip") ?? "unknown";
}
