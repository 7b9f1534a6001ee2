"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { UserEvent } from "@/server/services/realtime/events";
import { useTRPC } from "@/trpc/client";
import { useChatCache } from "./chat-cache";
import { allThreadsKey } from "./types";

const MeContext = createContext<string | null>(null);

/** The signed-in user's id (inside the (app) layout). */
export function useMyId(): string {
  const id = useContext(MeContext);
  if (!id) throw new Error("useMyId outside RealtimeProvider");
  return id;
}

/**
 * Holds the user's live event stream (one Server-Sent Events connection for the whole signed-in app) and folds each
 * event into the React Query cache, so lists, threads and badges update without refetching. On reconnect the
 * subscription link resumes from the last event id it saw; a `resync` (too far behind) refetches all chat data.
 */
export function RealtimeProvider({ meId, children }: { meId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cache = useChatCache(meId);
  // Whether the stream connected before (kept outside React state: it never affects rendering).
  const [connections] = useState(() => {
    let count = 0;
    return { next: () => count++ };
  });

  const refetchAll = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.chat.pathKey() });
    void queryClient.invalidateQueries({ queryKey: allThreadsKey });
  };

  const onEvent = (event: UserEvent) => {
    switch (event.type) {
      case "message.created":
        return cache.messageCreated(event.message);
      case "message.updated":
        return cache.messageUpdated(event.message);
      case "conversation.read":
        return cache.read(event.conversationId, event.userId, event.seq);
      case "conversation.changed":
        return cache.conversationChanged(event.conversationId);
      case "conversation.removed":
        return cache.conversationRemoved(event.conversationId);
      case "resync":
        return refetchAll();
      default:
        return; // other features' events (presence, …)
    }
  };

  useSubscription(
    trpc.events.stream.subscriptionOptions(undefined, {
      onStarted: () => {
        // A fresh (not resumed) connection after a drop may have missed events: catch up from the server.
        if (connections.next() > 0) refetchAll();
      },
      // Tracked events arrive as { id, data }; the link keeps the id to resume from after a reconnect.
      onData: (item) => onEvent("data" in item ? item.data : item),
    }),
  );

  return <MeContext value={meId}>{children}</MeContext>;
}
