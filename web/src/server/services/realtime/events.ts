import "server-only";
/**
 * Everything the server pushes to a user travels as one of these typed events on that user's stream
 * (chat today; presence, notifications and call signalling join the same union).
 */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  kind: "TEXT" | "SYSTEM" | "CALL";
  senderId: string | null;
  body: string;
  replyTo: { id: string; seq: number; senderId: string | null; body: string; deleted: boolean } | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  attachments: { id: string; name: string; contentType: string; size: number; url: string; isImage: boolean }[];
  /** Each emoji with who reacted with it, in the order first used. */
  reactions: { emoji: string; userIds: string[] }[];
  /** CALL entries: the call they record. */
  call: { id: string; status: CallView["status"]; callerId: string; durationSeconds: number } | null;
  /** The id the sender's client gave it (see chat.send), so that client can match it to the copy it shows while sending. */
  clientId: string | null;
}

/** A 1:1 call as both parties see it. */
export interface CallView {
  id: string;
  conversationId: string;
  status: "ringing" | "accepted" | "declined" | "cancelled" | "missed" | "busy" | "ended" | "failed";
  callerId: string;
  calleeId: string;
  /** The tab that placed the call; the tab that answered it (null until answered). Signals go device to device. */
  callerDeviceId: string;
  calleeDeviceId: string | null;
  /** For calls that never rang: "offline" or "unavailable" (do not disturb / quiet hours). */
  missedReason: "offline" | "unavailable" | null;
  createdAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  endedById: string | null;
  durationSeconds: number;
}

export interface CallParty {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

/** WebRTC signalling relayed between the two devices of a call (never interpreted by the server). */
export type CallSignal =
  | { kind: "description"; description: { type: "offer" | "answer"; sdp: string } }
  | {
      kind: "candidate";
      candidate: {
        candidate: string;
        sdpMid: string | null;
        sdpMLineIndex: number | null;
        usernameFragment: string | null;
      };
    }
  /** The sender's microphone/camera/screen state, shown to the other party. */
  | { kind: "media"; audio: boolean; video: boolean; screen: boolean }
  /**
   * Local recording consent: "requested" by the recorder, "shown" once the other party's screen says so (only
   * then may recording start), "stopped" when it ends.
   */
  | { kind: "recording"; state: "requested" | "shown" | "stopped" };

export type RoomAccessEndReason = "removed" | "blocked" | "cancelled";

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
  /** Someone is calling: ring on every open device (until a call.updated says it was answered, or ended). */
  | { type: "call.ringing"; call: CallView; caller: CallParty }
  /** A call this user is in changed state (answered on some device, declined, ended, missed…). */
  | { type: "call.updated"; call: CallView }
  /** A signal from the other party's device, for this user's device `toDeviceId`. */
  | { type: "call.signal"; callId: string; fromUserId: string; toDeviceId: string; signal: CallSignal }
  /** Someone started a group call (or added this user to a call): ring, offering to join the room. */
  | {
      type: "room.ringing";
      room: {
        id: string;
        kind: "GROUP" | "MEETING" | "PROFILE" | "CALL";
        title: string;
        conversationId: string | null;
      };
      caller: CallParty;
    }
  /** A room's live state changed (from Jitsi's event webhook): show or hide the "join" banner; who is in it. */
  | { type: "room.live"; roomId: string; conversationId: string | null; live: boolean; participantIds: string[] }
  /**
   * This user may no longer be in this room (removed from its group, blocked by its owner, the meeting cancelled):
   * a meeting page open on it hangs up. Jitsi itself only checks who joins, so this is what ends their stay.
   */
  | { type: "room.access-ended"; roomId: string; reason: RoomAccessEndReason }
  /** For a room's moderators: people Jitsi still counts in the call have lost access; they can remove them there. */
  | {
      type: "room.access-warning";
      roomId: string;
      reason: RoomAccessEndReason;
      people: { id: string; displayName: string }[];
    }
  /** "Add people" moved this 1:1 call into a Jitsi room: both parties leave the direct call and join the room. */
  | { type: "room.moved"; callId: string; roomId: string }
  /** The client's last event is older than what the server keeps: refetch everything, then carry on. */
  | { type: "resync" };
