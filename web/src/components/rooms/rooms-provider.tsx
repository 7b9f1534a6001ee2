"use client";

import { useRouter } from "next/navigation";
import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { CallController } from "../calls/call-controller";
import { RoomEventsStore, type LiveRoom, type RoomAccessEvent } from "./room-events";

// Downloaded when a room first rings, not with every signed-in page.
const RoomRingingDialog = lazy(() => import("./room-ringing-dialog").then((m) => ({ default: m.RoomRingingDialog })));

const RoomsContext = createContext<RoomEventsStore | null>(null);

/** The tab's room event store (made once by the realtime provider, which feeds it the room.* events). */
export function useCreateRoomEventsStore(): RoomEventsStore {
  const [store] = useState(() => new RoomEventsStore());
  return store;
}

/** The page of a room, with `join` when the person already chose to go in (answered a ring, started the call). */
export const roomHref = (roomId: string, options: { join?: boolean } = {}) =>
  `/rooms/${encodeURIComponent(roomId)}${options.join ? "?join=1" : ""}`;

/**
 * Shows room rings over the app, and carries out "moved": when "Add people" turns this tab's 1:1 call into a room,
 * the direct call closes here and the tab goes into the room.
 */
export function RoomsProvider({
  store,
  calls,
  children,
}: {
  store: RoomEventsStore;
  calls: CallController;
  children: ReactNode;
}) {
  const router = useRouter();
  const { ringing } = useSyncExternalStore(store.subscribe, store.getSnapshot, () => RoomEventsStore.empty);
  useEffect(
    () =>
      store.handleMoves(({ callId, roomId }) => {
        const phase = calls.getSnapshot().phase;
        // Only the tab that is in that call moves (the person's other tabs carry on).
        if ((phase.kind !== "in-call" && phase.kind !== "outgoing") || phase.call?.id !== callId) return;
        calls.hangUp();
        calls.dismiss();
        router.push(roomHref(roomId, { join: true }));
      }),
    [store, calls, router],
  );
  const ringingRoomId = ringing?.room.id;
  const dismiss = useCallback(() => {
    if (ringingRoomId) store.dismissRinging(ringingRoomId);
  }, [store, ringingRoomId]);

  return (
    <RoomsContext value={store}>
      {children}
      <Suspense fallback={null}>
        {ringing ? (
          <RoomRingingDialog
            key={ringing.room.id}
            event={ringing}
            onDismiss={dismiss}
            onJoin={() => {
              dismiss();
              router.push(roomHref(ringing.room.id, { join: true }));
            }}
          />
        ) : null}
      </Suspense>
    </RoomsContext>
  );
}

/** The store the provider holds (to fold in state fetched on load, beside the live events). */
export function useRoomEvents(): RoomEventsStore {
  const store = useContext(RoomsContext);
  if (!store) throw new Error("room hooks outside RoomsProvider");
  return store;
}

/** The group conversation's room while Jitsi reports it live (from room.live events since this tab connected). */
export function useLiveRoom(conversationId: string): LiveRoom | null {
  const store = useRoomEvents();
  return useSyncExternalStore(
    store.subscribe,
    () => store.liveForConversation(conversationId),
    () => null,
  );
}

/** Calls the handler with this room's access changes (lost access, or a warning for its moderators) while mounted. */
export function useRoomAccessChanges(roomId: string, handler: (event: RoomAccessEvent) => void) {
  const store = useRoomEvents();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => store.onAccessChange((event) => event.roomId === roomId && latest.current(event)), [store, roomId]);
}

/** Marks a room as open in this tab while mounted, so its own rings stay quiet. */
export function useOpenRoom(roomId: string) {
  const store = useRoomEvents();
  useEffect(() => store.openRoom(roomId), [store, roomId]);
}
