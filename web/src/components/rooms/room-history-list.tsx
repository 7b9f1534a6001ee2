"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDuration } from "@/lib/dates";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { relativeTime } from "@/lib/dates";
import { useNow } from "@/components/ui/use-now";
import { FormAlert } from "../ui/field";
import { LoadMore } from "../ui/load-more";
import { formErrors } from "../ui/form-errors";
import { withWhom } from "./room-labels";
import { roomHref } from "./rooms-provider";

type Entry = RouterOutputs["rooms"]["history"]["items"][number];

/**
 * The user's group calls and meetings as Jitsi reported them (the event webhook): which room, with whom, and how long
 * they were in. Shown under the 1:1 calls; hidden while there is none.
 */
export function RoomHistoryList() {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.rooms.history.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return history.isError ? <FormAlert message={formErrors(history.error).form} /> : null;
  return (
    <section aria-labelledby="room-history" className="space-y-3">
      <h2 id="room-history" className="text-lg font-semibold tracking-tight">
        Group calls and meetings
      </h2>
      <ul
        aria-label="Group calls and meetings"
        className="divide-y divide-stone-100 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm"
      >
        {items.map((entry) => (
          <RoomHistoryRow key={entry.id} entry={entry} />
        ))}
      </ul>
      <LoadMore query={history} />
    </section>
  );
}

function RoomHistoryRow({ entry }: { entry: Entry }) {
  const now = useNow();
  const joined = new Date(entry.joinedAt);
  const seconds = entry.leftAt
    ? Math.max(0, Math.round((new Date(entry.leftAt).getTime() - joined.getTime()) / 1000))
    : null;
  const href =
    entry.room.kind === "GROUP" && entry.room.conversationId
      ? `/messages/${entry.room.conversationId}`
      : roomHref(entry.room.id);
  return (
    <li className="flex items-center gap-3 px-4 py-3">
      <Link href={href} className="min-w-0 flex-1 rounded-lg hover:opacity-90">
        <span className="block truncate font-medium text-stone-900">{entry.room.title || "Group call"}</span>
        <span className="block truncate text-sm text-stone-500">
          {withWhom(entry.others.map((o) => o.displayName.split(/\s+/)[0] ?? o.displayName))} ·{" "}
          {seconds === null ? "in progress" : formatDuration(seconds)}
        </span>
      </Link>
      <time dateTime={entry.joinedAt} title={joined.toLocaleString()} className="shrink-0 text-xs text-stone-500">
        {relativeTime(joined, now)}
      </time>
    </li>
  );
}
