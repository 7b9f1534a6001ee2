import "server-only";
import type { Deps } from "../../infra/deps";
import { messageSelect, toMessageView } from "../chat/message-view";
import { notify } from "../notifications/notifications";
import { setInCall } from "../presence/presence";
import { publishToUsers } from "../realtime/event-stream";
import type { CallView } from "../realtime/events";
import { callEntryText, type CallRow, toCallView } from "./call-view";
import { releaseParties } from "./live-calls";

/** Tells both parties (every device) the call's new state. */
export async function publishCallUpdate(deps: Deps, row: CallRow): Promise<CallView> {
  const call = toCallView(row);
  await publishToUsers(deps.redis, [row.callerId, row.calleeId], { type: "call.updated", call });
  return call;
}

/**
 * Everything that follows a call ending, however it ended: both parties leave "in a call", the call leaves its
 * history entry in the 1:1 conversation (unread only for a callee who missed it), a missed call (unanswered,
 * busy, or cancelled while ringing) notifies the callee, and both parties' devices hear the final state.
 */
export async function recordFinishedCall(deps: Deps, row: CallRow): Promise<CallView> {
  const parties = [row.callerId, row.calleeId];
  await releaseParties(deps.redis, row.id, parties);
  await setInCall(deps, parties, null);
  const call = toCallView(row);
  // A call the caller gave up on while it rang was missed too, as far as the callee is concerned.
  const missed = call.status === "missed" || call.status === "busy" || call.status === "cancelled";
  const message = await deps.db.$transaction(async (tx) => {
    const { lastSeq } = await tx.conversation.update({
      where: { id: row.conversationId },
      data: { lastSeq: { increment: 1 }, lastMessageAt: new Date() },
      select: { lastSeq: true },
    });
    const created = await tx.message.create({
      data: {
        conversationId: row.conversationId,
        seq: lastSeq,
        kind: "CALL",
        senderId: row.callerId,
        body: callEntryText(call),
        callId: row.id,
      },
      select: messageSelect,
    });
    const readers = missed ? [row.callerId] : parties;
    await tx.conversationMember.updateMany({
      where: { conversationId: row.conversationId, userId: { in: readers } },
      data: { lastReadSeq: lastSeq },
    });
    return created;
  });
  await publishToUsers(deps.redis, parties, { type: "message.created", message: toMessageView(message) });
  await publishToUsers(deps.redis, parties, { type: "conversation.changed", conversationId: row.conversationId });
  if (missed)
    await notify(deps, {
      userId: row.calleeId,
      kind: "MISSED_CALL",
      actorId: row.callerId,
      conversationId: row.conversationId,
      groupKey: `missed-call:${row.conversationId}`,
    });
  await publishCallUpdate(deps, row);
  return call;
}
