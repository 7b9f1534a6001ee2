"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState, type ReactNode } from "react";
import { MeContext } from "@/components/ui/use-my-id";
import type { UserEvent } from "@/server/services/realtime/events";
import { useTRPC } from "@/trpc/client";
import { CallProvider, useCallController } from "@/components/calls/call-provider";
import { useNotificationsCache } from "@/components/notifications/notifications-cache";
import { AwayReporter } from "@/components/presence/away-reporter";
import { usePresenceCache } from "@/components/presence/presence";
import { RoomsProvider, useCreateRoomEventsStore } from "@/components/rooms/rooms-provider";
import { useChatCache } from "@/components/chat/chat-cache";
import { TypingContext, TypingStore } from "@/components/chat/typing";
import { allThreadsKey } from "@/components/chat/types";

/**
 * Holds the user's live event stream (one Server-Sent Events connection for the whole signed-in app) and folds each
 * event into the React Query cache, so lists, threads, badges and presence update without refetching. On reconnect
 * the subscription link resumes from the last event id it saw; a `resync` (too far behind) refetches all chat data.
 * `ready` (subscribed and caught up, after every (re)connect) refetches what events alone cannot restore: presence
 * and the notification count always, chat data after a reconnect.
 */
export function RealtimeProvider({ meId, children }: { meId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cache = useChatCache(meId);
  const presence = usePresenceCache();
  const notifications = useNotificationsCache();
  const [typing] = useState(() => new TypingStore());
  const calls = useCallController(meId);
  const rooms = useCreateRoomEventsStore();
  useEffect(() => () => typing.dispose(), [typing]);
  // How many times the stream has been ready (kept outside React state: it never affects rendering).
  const [readies] = useState(() => {
    let count = 0;
    return { next: () => count++ };
  });

  const refetchChat = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.chat.pathKey() });
    void queryClient.invalidateQueries({ queryKey: allThreadsKey });
  };

  const onEvent = (event: UserEvent) => {
    switch (event.type) {
      case "message.created":
        if (event.message.senderId) typing.stopped(event.message.conversationId, event.message.senderId);
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
        return refetchChat();
      case "ready":
        presence.refetch();
        notifications.refetch();
        // A reconnect may have missed events (the first connection starts from what the pages just fetched).
        if (readies.next() > 0) refetchChat();
        return;
      case "notification":
        return notifications.changed(event.unread);
      case "presence":
        if (event.status === "offline") typing.stoppedEverywhere(event.userId);
        return presence.apply(event);
      case "typing":
        if (event.userId !== meId) typing.started(event.conversationId, event.userId);
        return;
      case "call.ringing":
      case "call.updated":
      case "call.signal":
        return calls.handle(event);
      case "room.ringing":
      case "room.live":
      case "room.moved":
      case "room.access-ended":
      case "room.access-warning":
        return rooms.handle(event);
      case "friends.changed":
        // A friendship began or ended (or a block): friends, requests, profiles, search and presence all depend on it.
        for (const key of [trpc.friends.pathKey(), trpc.profile.pathKey(), trpc.search.pathKey()])
          void queryClient.invalidateQueries({ queryKey: key });
        presence.refetch();
        return;
      default:
        return; // events of features without a client yet
    }
  };

  useSubscription(
    trpc.events.stream.subscriptionOptions(undefined, {
      // Tracked events arrive as { id, data }; the link keeps the id to resume from after a reconnect.
      onData: (item) => onEvent("data" in item ? item.data : item),
    }),
  );

  return (
    <MeContext value={meId}>
      <TypingContext value={typing}>
        <AwayReporter />
        <CallProvider controller={calls}>
          <RoomsProvider store={rooms} calls={calls}>
            {children}
          </RoomsProvider>
        </CallProvider>
      </TypingContext>
    </MeContext>
  );
}
