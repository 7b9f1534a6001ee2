import "server-only";
/**
 * Refuses a write (POST) that a browser sent from another site: the session cookie is SameSite=Lax already; this is
 * the second lock (OWASP's "verify origin with standard headers"). Browsers send Origin and/or Sec-Fetch-Site on
 * every POST; a request with neither comes from a non-browser client, which cannot ride a victim's cookies.
 * Returns why it is refused, or null when it may proceed.
 */
export function crossSiteWriteRefusal(method: string, headers: Headers, appUrl: string): string | null {
  if (method !== "POST") return null;
  const appOrigin = new URL(appUrl).origin;
  const origin = headers.get("origin");
  if (origin !== null && origin !== appOrigin)
    return `Requests must come from ${appOrigin} (this one came from ${origin.slice(0, 100)}).`;
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return `Requests must come from ${appOrigin}.`;
  return null;
}
