import type { UserEvent } from "@/server/services/realtime/events";

export type RoomRingingEvent = Extract<UserEvent, { type: "room.ringing" }>;
export type RoomLiveEvent = Extract<UserEvent, { type: "room.live" }>;
export type RoomMovedEvent = Extract<UserEvent, { type: "room.moved" }>;
export type RoomAccessEvent = Extract<UserEvent, { type: "room.access-ended" | "room.access-warning" }>;
export type RoomEvent = RoomRingingEvent | RoomLiveEvent | RoomMovedEvent | RoomAccessEvent;

export interface LiveRoom {
  roomId: string;
  conversationId: string | null;
  participantIds: string[];
}

export interface RoomEventsSnapshot {
  /** The ring on screen (the newest wins; a room already open in this tab never rings). */
  ringing: RoomRingingEvent | null;
  /** Rooms Jitsi's webhook reported live since this tab connected, by room id. Only live events fill it. */
  live: ReadonlyMap<string, LiveRoom>;
}

const EMPTY: RoomEventsSnapshot = { ringing: null, live: new Map() };

/**
 * This tab's view of the room.* events (no React): who is ringing, which rooms are live, and "moved" hand-offs,
 * which go to whoever registered for them (the provider, which owns the router and the 1:1 call).
 */
export class RoomEventsStore {
  private snap: RoomEventsSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  /** The room this tab has open (/rooms/<id>): its ring would only interrupt. */
  private openRoomId: string | null = null;
  private onMoved: ((event: RoomMovedEvent) => void) | null = null;
  private readonly accessListeners = new Set<(event: RoomAccessEvent) => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  getSnapshot = () => this.snap;
  static readonly empty = EMPTY;

  handle(event: RoomEvent) {
    switch (event.type) {
      case "room.ringing":
        if (event.room.id === this.openRoomId) return;
        return this.update({ ringing: event });
      case "room.live": {
        const live = new Map(this.snap.live);
        // Live with nobody listed is possible: guests without a Hearth id are counted by Jitsi, not named.
        if (event.live)
          live.set(event.roomId, {
            roomId: event.roomId,
            conversationId: event.conversationId,
            participantIds: event.participantIds,
          });
        else live.delete(event.roomId);
        // A call that ended stops ringing too.
        const ringing = !event.live && this.snap.ringing?.room.id === event.roomId ? null : this.snap.ringing;
        return this.update({ live, ringing });
      }
      case "room.moved":
        return this.onMoved?.(event);
      case "room.access-ended":
      case "room.access-warning":
        for (const listener of this.accessListeners) listener(event);
        return;
    }
  }

  /** Hears access changes (for the meeting page of that room); returns the removal. */
  onAccessChange(listener: (event: RoomAccessEvent) => void): () => void {
    this.accessListeners.add(listener);
    return () => void this.accessListeners.delete(listener);
  }

  /** Who carries out room.moved (one handler; returns its removal). */
  handleMoves(handler: (event: RoomMovedEvent) => void): () => void {
    this.onMoved = handler;
    return () => {
      if (this.onMoved === handler) this.onMoved = null;
    };
  }

  /** Marks a room as open in this tab (and stops its ring); returns the unmarking. */
  openRoom(roomId: string): () => void {
    this.openRoomId = roomId;
    this.dismissRinging(roomId);
    return () => {
      if (this.openRoomId === roomId) this.openRoomId = null;
    };
  }

  dismissRinging(roomId: string) {
    if (this.snap.ringing?.room.id === roomId) this.update({ ringing: null });
  }

  /** The live room of a group conversation, if any. */
  liveForConversation(conversationId: string): LiveRoom | null {
    for (const room of this.snap.live.values()) if (room.conversationId === conversationId) return room;
    return null;
  }

  private update(patch: Partial<RoomEventsSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** The words of a ring: "Ada started a group call in Book club", "Ada added you to a call", … */
export function ringingText(event: RoomRingingEvent): string {
  const name = event.caller.displayName;
  switch (event.room.kind) {
    case "GROUP":
      return `${name} started a group call in ${event.room.title}`;
    case "CALL":
      return `${name} added you to a call`;
    default:
      return `${name} invited you to ${event.room.title}`;
  }
}
