import { NextResponse, type NextRequest } from "next/server";
import { env } from "./server/infra/env";
import { newNonce, securityHeaders, type SecurityHeaderSettings } from "./server/security/security-headers";

let settings: SecurityHeaderSettings | undefined;
function headerSettings(): SecurityHeaderSettings {
  // The validated settings the rest of the app uses (no second set of defaults here).
  if (!settings) {
    const e = env();
    settings = {
      appUrl: e.APP_URL,
      jitsiDomain: e.JITSI_DOMAIN,
      s3PublicEndpoint: e.S3_PUBLIC_ENDPOINT,
      development: e.NODE_ENV === "development",
    };
  }
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
  // Pages only: API answers are JSON or streams, and built assets, icons, the manifest, the service worker and the
  // offline page are static files.
  matcher: [
    {
      source:
        "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|icons/|sw.js|offline.html|manifest.webmanifest).*)",
    },
  ],
};
