import "server-only";
/** Sends the caller to a short-lived presigned URL for a private object; nothing caches the redirect. */
export const presignedRedirect = (url: string) =>
  new Response(null, { status: 302, headers: { Location: url, "Cache-Control": "private, no-store" } });
