import "server-only";
import { notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import type { CallParty, CallView } from "../realtime/events";
import { toUserCard, userCardSelect } from "../social/user-card";
import { callSelect, toCallView } from "./call-view";
import { activeCallIdOf } from "./live-calls";

/** The call the user is in or being rung for right now (a freshly opened tab shows it), with the other party. */
export async function activeCall(deps: Deps, userId: string): Promise<{ call: CallView; other: CallParty } | null> {
  const callId = await activeCallIdOf(deps.redis, userId);
  if (!callId) return null;
  const row = await deps.db.call.findUnique({
    where: { id: callId },
    select: { ...callSelect, caller: { select: userCardSelect }, callee: { select: userCardSelect } },
  });
  if (!row || (row.status !== "RINGING" && row.status !== "ACCEPTED")) return null;
  return { call: toCallView(row), other: toUserCard(row.callerId === userId ? row.callee : row.caller) };
}

export interface CallHistoryItem {
  call: CallView;
  other: CallParty;
  direction: "outgoing" | "incoming";
}

/** The user's calls, newest first (keyset pages by call id). */
export async function callHistory(
  deps: Deps,
  userId: string,
  input: { cursor?: string; limit: number },
): Promise<{ items: CallHistoryItem[]; nextCursor: string | null }> {
  const mine = { OR: [{ callerId: userId }, { calleeId: userId }] };
  // The cursor must be one of the caller's calls: another's would page from the time of that call, telling when it was.
  if (input.cursor && !(await deps.db.call.findFirst({ where: { id: input.cursor, ...mine }, select: { id: true } })))
    throw notFound("That page");
  const rows = await deps.db.call.findMany({
    where: mine,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    cursor: input.cursor ? { id: input.cursor } : undefined,
    skip: input.cursor ? 1 : 0,
    take: input.limit + 1,
    select: { ...callSelect, caller: { select: userCardSelect }, callee: { select: userCardSelect } },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      call: toCallView(row),
      other: toUserCard(row.callerId === userId ? row.callee : row.caller),
      direction: row.callerId === userId ? "outgoing" : "incoming",
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}
