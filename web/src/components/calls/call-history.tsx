"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { CallDirectionIcon } from "@/components/ui/icons";
import { callLabel } from "@/components/calls/call-label";
import { relativeTime } from "@/lib/dates";
import { useNow } from "@/components/ui/use-now";
import { Avatar } from "../ui/avatar";
import { EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { LoadMore } from "../ui/load-more";
import { formErrors } from "../ui/form-errors";
import { CallButton } from "./contact-buttons";
import { NewCallButton } from "./new-call";

type CallHistoryItem = RouterOutputs["calls"]["history"]["items"][number];

/** The user's calls, newest first, a page at a time; `actions` go beside the heading, before "New call". */
export function CallHistory({ actions }: { actions?: ReactNode }) {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.calls.history.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Calls</h1>
        {actions}
        <NewCallButton />
      </div>
      {history.isPending ? (
        <Spinner label="Loading calls" />
      ) : !history.data ? (
        <FormAlert message={formErrors(history.error).form} />
      ) : items.length === 0 ? (
        <EmptyState title="No calls yet">
          Choose New call, or start one from a conversation or a friend&apos;s profile.{" "}
          <Link href="/friends" className="text-ember-700 hover:underline">
            See your friends
          </Link>
        </EmptyState>
      ) : (
        <>
          <ul
            aria-label="Calls"
            className="divide-y divide-stone-100 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm"
          >
            {items.map((item) => (
              <CallRow key={item.call.id} item={item} />
            ))}
          </ul>
          <LoadMore query={history} />
        </>
      )}
    </div>
  );
}

function CallRow({ item: { call, other, direction } }: { item: CallHistoryItem }) {
  const now = useNow();
  const viewerId = direction === "outgoing" ? call.callerId : call.calleeId;
  const label = callLabel(call, viewerId);
  const started = new Date(call.createdAt);
  return (
    <li className="flex items-center gap-3 px-4 py-3">
      <Link
        href={`/u/${other.username}`}
        className="flex min-w-0 flex-1 items-center gap-3 rounded-lg hover:opacity-90"
      >
        <Avatar name={other.displayName} url={other.avatarUrl} seed={other.id} size={44} />
        <span className="min-w-0">
          <span className={`block truncate font-medium ${label.missed ? "text-red-700" : "text-stone-900"}`}>
            {other.displayName}
          </span>
          <span className={`flex items-center gap-1 text-sm ${label.missed ? "text-red-700" : "text-stone-500"}`}>
            <span title={label.outgoing ? "Outgoing" : "Incoming"} className="shrink-0">
              <CallDirectionIcon outgoing={label.outgoing} />
              <span className="sr-only">{label.outgoing ? "Outgoing" : "Incoming"}: </span>
            </span>
            <span className="truncate">{label.text}</span>
          </span>
        </span>
      </Link>
      <time dateTime={call.createdAt} title={started.toLocaleString()} className="shrink-0 text-xs text-stone-500">
        {relativeTime(started, now)}
      </time>
      <CallButton user={other} label={label.missed || !label.outgoing ? "Call back" : "Call again"} />
    </li>
  );
}
