import { Avatar } from "../ui/avatar";
import type { Conversation } from "./types";

/** The other person's avatar for 1:1; the group's photo, or its initials, for groups. */
export function ConversationAvatar({
  conversation,
  size = 48,
}: {
  conversation: Pick<Conversation, "id" | "kind" | "title" | "other" | "avatarUrl">;
  size?: number;
}) {
  const { other } = conversation;
  if (conversation.kind === "DIRECT" && other)
    return <Avatar name={other.displayName} url={other.avatarUrl} seed={other.id} size={size} />;
  return <Avatar name={conversation.title} url={conversation.avatarUrl} seed={conversation.id} size={size} />;
}
