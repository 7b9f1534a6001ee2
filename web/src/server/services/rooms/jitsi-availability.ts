import "server-only";
import { GROUP_CALLS_NEED_JITSI } from "@/lib/group-calls";
import { AppError } from "../../errors";
import type { Env } from "../../infra/env";

/**
 * Group calls, meetings and rooms run on Jitsi; without JITSI_DOMAIN they are off. Pages pass this to the client as a
 * boolean (GroupCallsProvider), and every procedure that makes or enters a room refuses with the same words.
 */
export const groupCallsAvailable = (env: Pick<Env, "JITSI_DOMAIN">): boolean => Boolean(env.JITSI_DOMAIN);

export function requireGroupCalls(env: Pick<Env, "JITSI_DOMAIN">): void {
  if (!groupCallsAvailable(env)) throw new AppError("PRECONDITION_FAILED", GROUP_CALLS_NEED_JITSI);
}
