import "server-only";
/**
 * The client address used for per-IP rate limits and the audit log. web/server.ts (how Hearth is served) replaces
 * X-Forwarded-For with the one address the socket and the trusted proxies vouch for (client-address.ts), so the
 * header holds exactly one value here. Under `next dev` it is the socket address Next fills in.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || "unknown";
}
