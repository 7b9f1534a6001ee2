"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/trpc/client";

/** The unread notification count: fetched once, then set by the live `notification` events (refetched on `ready`). */
export function useUnreadNotifications(): number {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), staleTime: Infinity });
  return data ?? 0;
}

/** Cache updates for the notification centre, shared by the live event stream and the page's own mutations. */
export function useNotificationsCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const countKey = trpc.notifications.unreadCount.queryKey();
    return {
      /** Something new (or read): the count to show; the list (when loaded) refetches. */
      changed(unread: number) {
        queryClient.setQueryData(countKey, unread);
        void queryClient.invalidateQueries(trpc.notifications.list.pathFilter());
      },
      setUnread(unread: number) {
        queryClient.setQueryData(countKey, unread);
      },
      refetch() {
        void queryClient.invalidateQueries({ queryKey: countKey });
        void queryClient.invalidateQueries(trpc.notifications.list.pathFilter());
      },
    };
  }, [queryClient, trpc]);
}
