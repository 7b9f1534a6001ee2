"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import type { UserEvent } from "@/server/services/realtime/events";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { useNow } from "@/components/ui/use-now";

export type PresenceMap = RouterOutputs["presence"]["friends"];
export type Presence = PresenceMap[string];
export type PresenceStatus = Presence["status"];
type PresenceEvent = Extract<UserEvent, { type: "presence" }>;

/**
 * Friends' presence, loaded once (`presence.friends`) and then kept current by the live `presence` events folded in by
 * the realtime provider; refetched on every `ready` (presence events are not replayed after a reconnect).
 */
export function usePresenceQueryOptions() {
  const trpc = useTRPC();
  return { ...trpc.presence.friends.queryOptions(), staleTime: Infinity };
}

/** A friend's presence (undefined for people who are not friends, whose presence is not shared). */
export function usePresence(userId: string | null | undefined): Presence | undefined {
  const options = usePresenceQueryOptions();
  const { data } = useQuery({ ...options, enabled: !!userId });
  return userId ? data?.[userId] : undefined;
}

/** Folds a live presence change into the cache. */
export function applyPresenceEvent(queryClient: QueryClient, key: readonly unknown[], event: PresenceEvent) {
  queryClient.setQueryData<PresenceMap>(key, (map) =>
    map ? { ...map, [event.userId]: { status: event.status, lastSeenAt: event.lastSeenAt } } : map,
  );
  // A fetch started before this event would overwrite it when it lands: fetch again instead.
  if (queryClient.isFetching({ queryKey: key }) > 0) void queryClient.invalidateQueries({ queryKey: key });
}

export function usePresenceCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const key = trpc.presence.friends.queryKey();
    return {
      apply: (event: PresenceEvent) => applyPresenceEvent(queryClient, key, event),
      refetch: () => void queryClient.invalidateQueries({ queryKey: key }),
    };
  }, [queryClient, trpc]);
}

const labels: Record<PresenceStatus, string> = {
  online: "Online",
  away: "Away",
  "in-call": "In a call",
  offline: "Offline",
};
const dotColours: Record<PresenceStatus, string> = {
  online: "bg-emerald-500",
  away: "bg-amber-400",
  "in-call": "bg-violet-500",
  offline: "bg-stone-300",
};

/** "Online", "Away", "In a call", "Last seen 5 min ago" (or "Offline" when never seen). */
export function presenceText(presence: Presence, now: number): string {
  if (presence.status !== "offline") return labels[presence.status];
  return presence.lastSeenAt ? `Last seen ${lastSeen(presence.lastSeenAt, now)}` : "Offline";
}

function lastSeen(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return `on ${date.toLocaleDateString(undefined, { month: "short", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) })}`;
}

/**
 * An avatar with a friend's status dot at its lower right: green online, amber away, violet in a call. Offline shows
 * no dot unless `showOffline` (then grey). The dot is labelled for assistive technology ("Online", …).
 */
export function WithPresence({
  userId,
  size,
  showOffline = false,
  children,
}: {
  userId: string | null | undefined;
  size: number;
  showOffline?: boolean;
  children: ReactNode;
}) {
  const presence = usePresence(userId);
  const status = presence?.status;
  const visible = status && (status !== "offline" || showOffline);
  const dot = Math.max(10, Math.round(size * 0.28));
  return (
    <span className="relative inline-flex shrink-0">
      {children}
      {visible ? (
        <span
          role="img"
          aria-label={labels[status]}
          title={labels[status]}
          style={{ width: dot, height: dot, borderWidth: Math.max(2, Math.round(dot / 5)) }}
          className={`absolute right-0 bottom-0 rounded-full border-white ${dotColours[status]}`}
        />
      ) : null}
    </span>
  );
}

/** A friend's status in words with a small dot ("Online", "Last seen 5 min ago"); nothing for non-friends. */
export function PresenceText({
  userId,
  className = "inline-flex",
}: {
  userId: string | null | undefined;
  className?: string;
}) {
  const presence = usePresence(userId);
  const now = useNow();
  if (!presence) return null;
  return (
    <span className={`items-center gap-1.5 ${className}`}>
      <span aria-hidden className={`size-2 shrink-0 rounded-full ${dotColours[presence.status]}`} />
      {presenceText(presence, now)}
    </span>
  );
}
