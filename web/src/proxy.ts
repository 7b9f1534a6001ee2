import { NextResponse, type NextRequest } from "next/server";
import { newNonce, securityHeaders, type SecurityHeaderSettings } from "./server/security/security-headers";

let settings: SecurityHeaderSettings | undefined;
function headerSettings(): SecurityHeaderSettings {
  // The same variables env.ts validates at start-up (instrumentation.ts), read raw here to keep the proxy light.
  settings ??= {
    appUrl: process.env.APP_URL ?? "http://localhost:3000",
    jitsiDomain: process.env.JITSI_DOMAIN || undefined,
    s3PublicEndpoint: process.env.S3_PUBLIC_ENDPOINT ?? process.env.S3_ENDPOINT ?? "http://localhost:9000",
    development: process.env.NODE_ENV === "development",
  };
  return settings;
}

/**
 * Every page gets a fresh CSP nonce. Next.js reads the policy from the request headers and stamps the nonce on the
 * scripts it renders; the root layout reads the headers, so every page renders per request.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(nonce, headerSettings());
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: API answers are JSON or streams, and built assets are immutable files.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|sw.js).*)" }],
};
