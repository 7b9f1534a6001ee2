/**
 * Everything the server pushes to a user travels as one of these typed events on that user's stream
 * (chat today; presence, notifications and call signalling join the same union).
 */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  kind: "TEXT" | "SYSTEM";
  senderId: string | null;
  body: string;
  replyTo: { id: string; seq: number; senderId: string | null; body: string; deleted: boolean } | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  attachments: { id: string; name: string; contentType: string; size: number; url: string; isImage: boolean }[];
  /** Each emoji with who reacted with it, in the order first used. */
  reactions: { emoji: string; userIds: string[] }[];
}

export type UserEvent =
  | { type: "message.created"; message: MessageView }
  | { type: "message.updated"; message: MessageView }
  | { type: "conversation.read"; conversationId: string; userId: string; seq: number }
  | { type: "conversation.changed"; conversationId: string }
  | { type: "conversation.removed"; conversationId: string }
  /** Ephemeral: the stream is subscribed and caught up; from here on nothing is missed (clients refetch on it). */
  | { type: "ready" }
  /** A friendship began or ended, or a block changed things: refetch friends, requests and presence. */
  | { type: "friends.changed" }
  /** Something new in the notification centre (or read): the unread count to show. */
  | { type: "notification"; unread: number }
  /** Ephemeral (not kept for resume): a friend's presence changed. */
  | { type: "presence"; userId: string; status: "online" | "away" | "in-call" | "offline"; lastSeenAt: number | null }
  /** Ephemeral: someone is typing in a conversation (clients show it for a few seconds). */
  | { type: "typing"; conversationId: string; userId: string }
  /** The client's last event is older than what the server keeps: refetch everything, then carry on. */
  | { type: "resync" };
