import "server-only";
/**
 * The security headers every page answers with. Pure (no env reading) so proxy.ts, the tests and the docs agree.
 *
 * Scripts run only from this origin or with this response's nonce (Next.js stamps it on its inline scripts), plus
 * the Jitsi host's external_api.js when group calls are on. No 'strict-dynamic': it would let any script a trusted
 * one inserts run, which is exactly how the Jitsi script arrives, and the Jitsi host would stop being the only one.
 * Styles allow inline: server-rendered `style` attributes need it, and inline styles cannot run code.
 */
export interface SecurityHeaderSettings {
  /** APP_URL: https turns on HSTS and upgrade-insecure-requests. */
  appUrl: string;
  /** JITSI_DOMAIN (a host): the only place allowed to serve the IFrame API script and the conference frame. */
  jitsiDomain?: string;
  /** S3_PUBLIC_ENDPOINT: browsers upload to it (presigned PUT) and load images and media from it. */
  s3PublicEndpoint: string;
  /** `next dev` evaluates code for fast refresh and talks over a WebSocket. */
  development: boolean;
}

export function contentSecurityPolicy(nonce: string, s: SecurityHeaderSettings): string {
  const jitsi = s.jitsiDomain ? `https://${s.jitsiDomain}` : null;
  const storage = new URL(s.s3PublicEndpoint).origin;
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      ...(jitsi ? [jitsi] : []),
      ...(s.development ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", storage],
    "media-src": ["'self'", "blob:", storage],
    "font-src": ["'self'"],
    "connect-src": ["'self'", storage, ...(s.development ? ["ws:"] : [])],
    "frame-src": jitsi ? [jitsi] : ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(" ")}`);
  if (isHttps(s.appUrl)) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** Camera, microphone and screen sharing for Hearth itself (1:1 calls) and the Jitsi frame; nothing else asks. */
export function permissionsPolicy(s: Pick<SecurityHeaderSettings, "jitsiDomain">): string {
  const callers = ["self", ...(s.jitsiDomain ? [`"https://${s.jitsiDomain}"`] : [])].join(" ");
  return [
    `camera=(${callers})`,
    `microphone=(${callers})`,
    `display-capture=(${callers})`,
    `fullscreen=(${callers})`,
    "geolocation=()",
    "payment=()",
    "usb=()",
  ].join(", ");
}

export function securityHeaders(nonce: string, s: SecurityHeaderSettings): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, s),
    "Permissions-Policy": permissionsPolicy(s),
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // The old XSS auditor is gone from browsers and could be abused where it remains; the CSP does its job (OWASP).
    "X-XSS-Protection": "0",
    // Only where the site is https and not a developer's machine: a browser remembers it for two years.
    ...(isHttps(s.appUrl) && !s.development
      ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }
      : {}),
  };
}

const isHttps = (url: string) => new URL(url).protocol === "https:";

/** 128 random bits, base64: unguessable per response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
