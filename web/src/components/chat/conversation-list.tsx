"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { WithPresence } from "../presence/presence";
import { callLabel } from "@/components/calls/call-label";
import { ConversationAvatar } from "./conversation-avatar";
import { relativeTime } from "@/lib/dates";
import { useNow } from "@/components/ui/use-now";
import { BellOffIcon, PinIcon } from "@/components/ui/icons";
import { MessageSearchBox, MessageSearchResults } from "./message-search";
import { NewGroupDialog } from "./new-group-dialog";
import { useMyId } from "@/components/ui/use-my-id";
import type { Conversation } from "./types";
import { DELETED_USER_NAME } from "@/lib/deleted-user";

/** The conversations worth listing: groups always, 1:1 once someone has written in it. */
export const listed = (c: Conversation) => c.kind === "GROUP" || c.lastMessage !== null;

/** `openId`: the conversation open beside the list (desktop), marked as current; the list then has no page heading. */
export function ConversationList({ openId = null }: { openId?: string | null }) {
  const trpc = useTRPC();
  const conversations = useQuery(trpc.chat.conversations.queryOptions());
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState("");
  const searching = query.trim().length > 0;
  const shown = conversations.data?.filter(listed) ?? [];

  return (
    <div className="flex flex-col gap-5 lg:min-h-0 lg:flex-1">
      <div className="flex items-center justify-between gap-3">
        {openId ? (
          <h2 className="text-2xl font-semibold tracking-tight">Messages</h2>
        ) : (
          <h1 className="text-2xl font-semibold tracking-tight">Messages</h1>
        )}
        <Button variant="secondary" onClick={() => setCreating(true)}>
          New group
        </Button>
      </div>
      <div role="search">
        <MessageSearchBox value={query} onChange={setQuery} />
      </div>
      <div className="lg:-mx-1 lg:min-h-0 lg:flex-1 lg:overflow-y-auto lg:px-1 lg:pb-1">
        {searching ? (
          <MessageSearchResults query={query} conversations={conversations.data} />
        ) : conversations.isPending ? (
          <Spinner label="Loading conversations" />
        ) : conversations.isError ? (
          <FormAlert message={formErrors(conversations.error).form} />
        ) : shown.length === 0 ? (
          <EmptyState title="No conversations yet">
            Open a friend&apos;s profile and choose Message, or start a group.{" "}
            <Link href="/friends" className="text-ember-700 hover:underline">
              See your friends
            </Link>
          </EmptyState>
        ) : (
          <ul
            aria-label="Conversations"
            className="divide-y divide-stone-100 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm"
          >
            {shown.map((c) => (
              <ConversationRow key={c.id} conversation={c} current={c.id === openId} />
            ))}
          </ul>
        )}
      </div>
      {creating ? <NewGroupDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function ConversationRow({ conversation: c, current }: { conversation: Conversation; current: boolean }) {
  const meId = useMyId();
  const now = useNow();
  const unread = c.unread > 0;
  return (
    <li>
      <Link
        href={`/messages/${c.id}`}
        aria-current={current ? "page" : undefined}
        className="flex items-center gap-3 px-4 py-3 hover:bg-stone-50 focus-visible:bg-stone-50 aria-[current=page]:bg-ember-50"
      >
        <WithPresence userId={c.kind === "DIRECT" ? c.other?.id : null} size={48}>
          <ConversationAvatar conversation={c} />
        </WithPresence>
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span
              className={`min-w-0 flex-1 truncate ${unread ? "font-semibold text-stone-900" : "font-medium text-stone-800"}`}
            >
              {c.title}
            </span>
            {c.pinned ? (
              <span title="Pinned" className="self-center text-stone-400">
                <PinIcon size={14} />
                <span className="sr-only">Pinned</span>
              </span>
            ) : null}
            {c.muted ? (
              <span title="Muted" className="self-center text-stone-400">
                <BellOffIcon size={14} />
                <span className="sr-only">Muted</span>
              </span>
            ) : null}
            <time
              dateTime={c.lastMessageAt.toISOString()}
              className={`shrink-0 text-xs ${unread ? "font-medium text-ember-700" : "text-stone-500"}`}
            >
              {relativeTime(c.lastMessageAt, now)}
            </time>
          </span>
          <span className="mt-0.5 flex items-center gap-2">
            <span className={`min-w-0 flex-1 truncate text-sm ${unread ? "text-stone-800" : "text-stone-500"}`}>
              <Preview conversation={c} meId={meId} />
            </span>
            {unread ? (
              <span
                className={`min-w-5 shrink-0 rounded-full px-1.5 text-center text-[11px] leading-5 font-semibold text-white ${c.muted ? "bg-stone-400" : "bg-ember-600"}`}
              >
                {c.unread > 99 ? "99+" : c.unread}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
          </span>
        </span>
      </Link>
    </li>
  );
}

function Preview({ conversation: c, meId }: { conversation: Conversation; meId: string }) {
  const m = c.lastMessage;
  if (!m) return <span className="italic">No messages yet</span>;
  if (m.deletedAt) return <span className="italic">Message deleted</span>;
  if (m.kind === "SYSTEM") return <span className="italic">{m.body}</span>;
  if (m.kind === "CALL" && m.call) {
    const label = callLabel(m.call, meId);
    return <span className={label.missed ? "text-red-700" : undefined}>{label.text}</span>;
  }
  const sender =
    m.senderId === meId
      ? "You"
      : c.kind !== "GROUP"
        ? null
        : m.senderId === null
          ? DELETED_USER_NAME
          : c.members.find((u) => u.id === m.senderId)?.displayName.split(/\s+/)[0];
  return (
    <>
      {sender ? `${sender}: ` : null}
      {m.body.replace(/\s+/g, " ")}
    </>
  );
}
