"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import { callLabel } from "@/components/calls/call-label";
import { CallButton, ContactButtons } from "@/components/calls/contact-buttons";
import { ConversationAvatar } from "@/components/chat/conversation-avatar";
import { listed } from "@/components/chat/conversation-list";
import { HomeRequests } from "@/components/friends/home-requests";
import { PresenceText, usePresenceQueryOptions, WithPresence } from "@/components/presence/presence";
import { meetingTimeText } from "@/components/rooms/room-labels";
import { roomHref } from "@/components/rooms/rooms-provider";
import { Avatar } from "@/components/ui/avatar";
import { Card } from "@/components/ui/card";
import { CallDirectionIcon } from "@/components/ui/icons";
import { useMyId } from "@/components/ui/use-my-id";
import { useNow } from "@/components/ui/use-now";
import { relativeTime } from "@/lib/dates";

/** Missed calls older than this no longer ask for attention (the Calls page keeps them all). */
const MISSED_CALL_WINDOW_MS = 3 * 24 * 60 * 60_000;
const SHOWN = 5;

/**
 * Home until there is a feed: what needs the user now. Unread conversations, missed calls, friend requests (main
 * column); friends online and upcoming meetings (a sidebar from `lg`). Each part shows only when it has something;
 * with nothing at all, one way on (find friends). Everything appears at once, in space held while it loads, so
 * nothing moves under the reader.
 */
export function HomeAttention() {
  const trpc = useTRPC();
  const meId = useMyId();
  const now = useNow();
  const conversations = useQuery(trpc.chat.conversations.queryOptions());
  const calls = useQuery(trpc.calls.history.queryOptions({ limit: 20 }));
  const requests = useQuery(trpc.friends.requests.queryOptions());
  const meetings = useQuery(trpc.rooms.upcoming.queryOptions());
  const friends = useQuery(trpc.friends.list.queryOptions());
  const presence = useQuery(usePresenceQueryOptions());

  const loading = [conversations, calls, requests, meetings, friends, presence].some((q) => q.isPending);
  if (loading) {
    return (
      <div
        role="status"
        aria-label="Loading what's new"
        className="grid min-h-72 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
      >
        <div className="h-72 animate-pulse rounded-2xl bg-stone-100 motion-reduce:animate-none" />
        <div className="hidden h-72 animate-pulse rounded-2xl bg-stone-100 motion-reduce:animate-none lg:block" />
      </div>
    );
  }

  const unread = (conversations.data ?? []).filter((c) => listed(c) && c.unread > 0 && !c.muted).slice(0, SHOWN);
  const missed = (calls.data?.items ?? [])
    .filter(
      (item) =>
        item.direction === "incoming" &&
        callLabel(item.call, meId).missed &&
        now - new Date(item.call.createdAt).getTime() < MISSED_CALL_WINDOW_MS,
    )
    .slice(0, 3);
  const online = (friends.data?.friends ?? [])
    .filter((f) => (presence.data?.[f.id]?.status ?? "offline") !== "offline")
    .slice(0, 8);
  const upcoming = (meetings.data ?? []).slice(0, 3);
  const hasRequests = (requests.data?.incoming.length ?? 0) > 0;
  const nothing = !unread.length && !missed.length && !online.length && !upcoming.length && !hasRequests;

  return (
    <div className="grid min-h-72 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-6">
        {unread.length ? (
          <Section title="Unread messages" more={{ href: "/messages", label: "All messages" }}>
            <ul className="divide-y divide-stone-100">
              {unread.map((c) => (
                <li key={c.id}>
                  <Link
                    href={`/messages/${c.id}`}
                    className="flex items-center gap-3 rounded-lg py-2.5 hover:bg-stone-50"
                  >
                    <WithPresence userId={c.kind === "DIRECT" ? c.other?.id : null} size={40}>
                      <ConversationAvatar conversation={c} size={40} />
                    </WithPresence>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-semibold text-stone-900">{c.title}</span>
                      <span className="block truncate text-sm text-stone-600">
                        {c.lastMessage?.deletedAt
                          ? "Message deleted"
                          : (c.lastMessage?.body.replace(/\s+/g, " ") ?? "")}
                      </span>
                    </span>
                    <span className="min-w-5 shrink-0 rounded-full bg-ember-600 px-1.5 text-center text-[11px] leading-5 font-semibold text-white">
                      {c.unread > 99 ? "99+" : c.unread}
                      <span className="sr-only"> unread</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {missed.length ? (
          <Section title="Missed calls" more={{ href: "/calls", label: "All calls" }}>
            <ul className="divide-y divide-stone-100">
              {missed.map(({ call, other }) => (
                <li key={call.id} className="flex items-center gap-3 py-2.5">
                  <Avatar name={other.displayName} url={other.avatarUrl} seed={other.id} size={40} />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-stone-900">{other.displayName}</span>
                    <span className="flex items-center gap-1 text-sm text-red-700">
                      <CallDirectionIcon outgoing={false} />
                      Missed call · <time dateTime={call.createdAt}>{relativeTime(new Date(call.createdAt), now)}</time>
                    </span>
                  </span>
                  <CallButton user={other} label="Call back" />
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        <HomeRequests />
        {!nothing && !unread.length && !missed.length && !hasRequests ? (
          <p className="rounded-2xl border border-dashed border-stone-300 px-5 py-4 text-sm text-stone-600">
            No unread messages, missed calls or friend requests.{" "}
            <Link href="/search" className="text-ember-700 underline">
              Find people you know
            </Link>
          </p>
        ) : null}
        {nothing ? (
          <Card className="text-center">
            <h2 className="font-semibold text-stone-900">You&apos;re all caught up</h2>
            <p className="mx-auto mt-1 max-w-sm text-sm text-stone-600">
              No unread messages, missed calls or requests. Find people you know, or see who is around.
            </p>
            <div className="mt-4 flex flex-wrap justify-center gap-2">
              <Link
                href="/search"
                className="rounded-lg bg-ember-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-ember-700"
              >
                Find friends
              </Link>
              <Link
                href="/friends"
                className="rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100"
              >
                Your friends
              </Link>
            </div>
          </Card>
        ) : null}
      </div>
      {online.length || upcoming.length ? (
        <aside aria-label="Friends and meetings" className="space-y-6">
          {online.length ? (
            <Section title="Friends online" more={{ href: "/friends", label: "All friends" }}>
              <ul className="divide-y divide-stone-100">
                {online.map((f) => (
                  <li key={f.id} className="flex items-center gap-3 py-2.5">
                    <Link href={`/u/${f.username}`} className="flex min-w-0 flex-1 items-center gap-3 hover:opacity-90">
                      <WithPresence userId={f.id} size={36}>
                        <Avatar name={f.displayName} url={f.avatarUrl} seed={f.id} size={36} />
                      </WithPresence>
                      <span className="min-w-0">
                        <span className="block truncate text-sm font-medium text-stone-900">{f.displayName}</span>
                        <PresenceText userId={f.id} className="flex text-xs" />
                      </span>
                    </Link>
                    <span className="flex shrink-0 gap-1.5">
                      <ContactButtons user={f} iconOnly />
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {upcoming.length ? (
            <Section title="Upcoming meetings" more={{ href: "/rooms", label: "All meetings" }}>
              <ul className="divide-y divide-stone-100">
                {upcoming.map((m) => (
                  <li key={m.id} className="py-2.5">
                    <Link href={roomHref(m.id)} className="block truncate font-medium text-stone-900 hover:underline">
                      {m.title}
                    </Link>
                    {m.startsAt && m.endsAt ? (
                      <p className="text-sm text-stone-600">{meetingTimeText(m.startsAt, m.endsAt)}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </aside>
      ) : null}
    </div>
  );
}

function Section({
  title,
  more,
  children,
}: {
  title: string;
  more: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <Card>
      <div className="mb-1 flex items-center justify-between gap-3">
        <h2 className="font-semibold">{title}</h2>
        <Link href={more.href} className="text-sm text-ember-700 hover:underline">
          {more.label}
        </Link>
      </div>
      {children}
    </Card>
  );
}
