"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { relativeTime } from "@/lib/dates";
import { useNow } from "@/components/ui/use-now";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { LoadMore } from "../ui/load-more";
import {
  AtIcon,
  MessageIcon,
  UserCheckIcon,
  UserPlusIcon,
  CalendarIcon,
  PhoneMissedIcon,
  DownloadIcon,
} from "@/components/ui/icons";
import { useNotificationsCache, useUnreadNotifications } from "./notifications-cache";

type NotificationPage = RouterOutputs["notifications"]["list"];
export type NotificationItem = NotificationPage["items"][number];

/** The notification centre: newest first, 30 a page, unread ones highlighted; opening one marks it read. */
export function NotificationCentre() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cache = useNotificationsCache();
  const unread = useUnreadNotifications();
  const options = trpc.notifications.list.infiniteQueryOptions(
    {},
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  const list = useInfiniteQuery(options);
  // Group names, for notifications from group conversations (the list is loaded for the app's bars already).
  const conversations = useQuery(trpc.chat.conversations.queryOptions());
  const groupTitle = (id: string | null) => {
    const c = id ? conversations.data?.find((x) => x.id === id) : undefined;
    return c?.kind === "GROUP" ? c.title : null;
  };

  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onMutate: ({ ids }) => {
        // Shown read at once; the live `notification` event brings the server's count and list right after.
        const marked = (n: NotificationItem) => !ids || ids.includes(n.id);
        const data = queryClient.getQueryData(options.queryKey);
        const newlyRead = data?.pages.flatMap((p) => p.items).filter((n) => !n.read && marked(n)).length ?? 0;
        queryClient.setQueryData(
          options.queryKey,
          (d) =>
            d && {
              ...d,
              pages: d.pages.map((p) => ({ ...p, items: p.items.map((n) => (marked(n) ? { ...n, read: true } : n)) })),
            },
        );
        cache.setUnread(ids ? Math.max(0, unread - newlyRead) : 0);
      },
      onSuccess: ({ unread }) => cache.setUnread(unread),
      onError: () => cache.refetch(),
    }),
  );

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        <Button
          variant="secondary"
          onClick={() => markRead.mutate({})}
          disabled={unread === 0}
          pending={markRead.isPending && !markRead.variables?.ids}
        >
          Mark all as read
        </Button>
      </div>
      <FormAlert message={markRead.isError ? formErrors(markRead.error).form : null} />
      {list.isPending ? (
        <Spinner label="Loading notifications" />
      ) : list.isError ? (
        <FormAlert message={formErrors(list.error).form} />
      ) : items.length === 0 ? (
        <EmptyState title="No notifications yet">
          Friend requests, new messages and mentions will show up here.
        </EmptyState>
      ) : (
        <>
          <ul
            aria-label="Notifications"
            className="divide-y divide-stone-100 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm"
          >
            {items.map((n) => (
              <NotificationRow
                key={n.id}
                notification={n}
                group={groupTitle(n.conversationId)}
                onOpen={() => (n.read ? undefined : markRead.mutate({ ids: [n.id] }))}
              />
            ))}
          </ul>
          <LoadMore query={list} />
        </>
      )}
    </div>
  );
}

const kinds = {
  FRIEND_REQUEST: { icon: <UserPlusIcon />, colour: "bg-sky-500" },
  FRIEND_ACCEPTED: { icon: <UserCheckIcon />, colour: "bg-emerald-500" },
  MESSAGE: { icon: <MessageIcon />, colour: "bg-ember-600" },
  MENTION: { icon: <AtIcon />, colour: "bg-violet-500" },
  MISSED_CALL: { icon: <PhoneMissedIcon />, colour: "bg-rose-500" },
  MEETING_INVITE: { icon: <CalendarIcon />, colour: "bg-teal-600" },
  DATA_EXPORT_READY: { icon: <DownloadIcon />, colour: "bg-stone-600" },
} satisfies Record<NotificationItem["kind"], { icon: ReactNode; colour: string }>;

/** What the notification says, and where it leads. */
function describe(n: NotificationItem, group: string | null): { text: ReactNode; href: string | null } {
  const name = <strong className="font-semibold text-stone-900">{n.actor?.displayName ?? "Someone"}</strong>;
  const where = group ? (
    <>
      {" "}
      in <strong className="font-semibold text-stone-900">{group}</strong>
    </>
  ) : null;
  const conversation = n.conversationId ? `/messages/${encodeURIComponent(n.conversationId)}` : null;
  switch (n.kind) {
    case "FRIEND_REQUEST":
      return { text: <>{name} sent you a friend request</>, href: "/friends?tab=requests" };
    case "FRIEND_ACCEPTED":
      return { text: <>{name} accepted your friend request</>, href: n.actor ? `/u/${n.actor.username}` : null };
    case "MESSAGE":
      return {
        text:
          n.count > 1 ? (
            <>
              {n.count} new messages from {name}
              {where}
            </>
          ) : (
            <>
              {name} sent you a message{where}
            </>
          ),
        href: conversation,
      };
    case "MENTION":
      return {
        text: (
          <>
            {name} mentioned you{where}
          </>
        ),
        href: conversation,
      };
    case "MEETING_INVITE":
      return {
        text: <>{name} invited you to a meeting</>,
        href: n.roomId ? `/rooms/${encodeURIComponent(n.roomId)}` : "/rooms",
      };
    case "MISSED_CALL":
      return {
        text:
          n.count > 1 ? (
            <>
              {n.count} missed calls from {name}
            </>
          ) : (
            <>Missed call from {name}</>
          ),
        href: conversation,
      };
    case "DATA_EXPORT_READY":
      return { text: <>Your data is ready to download</>, href: "/settings/security#download-my-data" };
  }
}

function NotificationRow({
  notification: n,
  group,
  onOpen,
}: {
  notification: NotificationItem;
  group: string | null;
  onOpen: () => void;
}) {
  const now = useNow();
  const { text, href } = describe(n, group);
  const kind = kinds[n.kind];
  const body = (
    <>
      <span className="relative shrink-0">
        <Avatar name={n.actor?.displayName ?? "Hearth"} url={n.actor?.avatarUrl ?? null} seed={n.actor?.id} size={44} />
        <span
          className={`absolute -right-1 -bottom-1 inline-flex size-5 items-center justify-center rounded-full text-white ring-2 ring-white ${kind.colour}`}
        >
          {kind.icon}
        </span>
      </span>
      <span className="min-w-0 flex-1">
        <span className={`block text-sm break-words ${n.read ? "text-stone-600" : "text-stone-800"}`}>{text}</span>
        <time
          dateTime={n.updatedAt.toISOString()}
          className={`mt-0.5 block text-xs ${n.read ? "text-stone-500" : "font-medium text-ember-700"}`}
        >
          {relativeTime(n.updatedAt, now)}
        </time>
      </span>
      {n.read ? null : (
        <span className="mt-1.5 size-2.5 shrink-0 rounded-full bg-ember-600">
          <span className="sr-only">Unread</span>
        </span>
      )}
    </>
  );
  const className = `flex items-start gap-3 px-4 py-3 ${n.read ? "" : "bg-ember-50/70"}`;
  return (
    <li>
      {href ? (
        <Link href={href} onClick={onOpen} className={`${className} hover:bg-stone-50 focus-visible:bg-stone-50`}>
          {body}
        </Link>
      ) : (
        <button type="button" onClick={onOpen} className={`${className} w-full text-left`}>
          {body}
        </button>
      )}
    </li>
  );
}
