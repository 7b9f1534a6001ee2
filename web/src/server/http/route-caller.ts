import "server-only";
import { auth } from "@/auth";
import { adminNeedsTotp, notFound } from "../errors";
import type { Deps } from "../infra/deps";

/**
 * The signed-in caller of a route handler that serves private files, after the same checks as tRPC's procedures:
 * signed out → NOT_FOUND (as if nothing were there); "protected" refuses an admin without 2FA like
 * `protectedProcedure` ("security" lets them through like `securityProcedure`, for their own data); and every
 * request counts against the caller's download limit.
 */
export async function routeCaller(deps: Deps, level: "protected" | "security"): Promise<{ id: string }> {
  const session = await auth();
  if (!session?.user) throw notFound();
  if (level === "protected" && session.user.needsTotp) throw adminNeedsTotp();
  await deps.limits.downloadsPerUser.consume(session.user.id);
  return { id: session.user.id };
}

/** A path parameter that can be an id, or NOT_FOUND: a malformed id names nothing. */
export function routeId(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw notFound();
  return value;
}
