import "server-only";
import type { Deps } from "../../infra/deps";
import type { MessageView } from "../realtime/events";
import { notify } from "./notifications";

const VIEWING_TTL_SECONDS = 60;
const viewingKey = (userId: string, conversationId: string) => `viewing:${userId}:${conversationId}`;

/** The client says the user has this conversation open (renewed while it stays open). */
export async function setViewing(deps: Deps, userId: string, conversationId: string, viewing: boolean): Promise<void> {
  if (viewing) await deps.redis.set(viewingKey(userId, conversationId), "1", "EX", VIEWING_TTL_SECONDS);
  else await deps.redis.del(viewingKey(userId, conversationId));
}

/** `@username` mentions in a message body (lower-cased). */
export function mentionedUsernames(body: string): string[] {
  return [...new Set([...body.matchAll(/(?:^|[^\w@])@([A-Za-z0-9_]{3,30})\b/g)].map((m) => m[1]!.toLowerCase()))];
}

/**
 * After a message is sent: members mentioned by @username get a MENTION (even in a muted conversation); other
 * members who are not looking at the conversation and have not muted it get a MESSAGE notification, one per
 * conversation while unread.
 */
export async function notifyMessageRecipients(
  deps: Deps,
  message: MessageView,
  conversation: { id: string; kind: "DIRECT" | "GROUP" },
): Promise<void> {
  if (!message.senderId) return;
  const members = await deps.db.conversationMember.findMany({
    where: { conversationId: conversation.id, userId: { not: message.senderId } },
    select: { userId: true, muted: true, user: { select: { usernameKey: true } } },
  });
  const mentioned = conversation.kind === "GROUP" ? new Set(mentionedUsernames(message.body)) : new Set<string>();
  const viewing = members.length
    ? await deps.redis.mget(members.map((m) => viewingKey(m.userId, conversation.id)))
    : [];
  const delayMs = deps.env.UNREAD_EMAIL_DELAY_SECONDS * 1000;
  await Promise.all(
    members.map(async (member, i) => {
      if (mentioned.has(member.user.usernameKey)) {
        await notify(deps, {
          userId: member.userId,
          kind: "MENTION",
          actorId: message.senderId!,
          conversationId: conversation.id,
          messageId: message.id,
        });
        await deps.digests.schedule(member.userId, delayMs);
      } else if (!member.muted && !viewing[i]) {
        await notify(deps, {
          userId: member.userId,
          kind: "MESSAGE",
          actorId: message.senderId!,
          conversationId: conversation.id,
          messageId: message.id,
          groupKey: `message:${conversation.id}`,
        });
        await deps.digests.schedule(member.userId, delayMs);
      }
    }),
  );
}
