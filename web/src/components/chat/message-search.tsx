"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useEffect, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { ConversationAvatar } from "./conversation-avatar";
import { relativeTime } from "@/lib/dates";
import { useNow } from "@/components/ui/use-now";
import { useMyId } from "@/components/ui/use-my-id";
import type { Conversation } from "./types";
import { DELETED_USER_NAME } from "@/lib/deleted-user";

export const SEARCH_MIN_CHARS = 2;
const SNIPPET_CHARS = 140;

/** Words as the server's search sees them (letters, digits, underscore), lowercased. */
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .match(/[\p{L}\p{N}_]+/gu)
    ?.slice(0, 10) ?? [];

/** `value`, once it has stayed the same for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The searched text as it should go to the server: null while too short. */
export function searchableQuery(query: string): string | null {
  const trimmed = query.trim();
  return trimmed.length >= SEARCH_MIN_CHARS && wordsOf(trimmed).length > 0 ? trimmed : null;
}

/** A stretch of `body` around the first matching word, with an ellipsis where it was cut. */
export function snippetOf(body: string, query: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= SNIPPET_CHARS) return text;
  const words = wordsOf(query);
  let first = -1;
  for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
    if (words.some((w) => match[0].toLowerCase().startsWith(w))) {
      first = match.index;
      break;
    }
  }
  const start = first < 40 ? 0 : first - 40;
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

/** The text with every word that starts with a searched word in a <mark> (plain React text, never HTML). */
export function Highlighted({ text, query }: { text: string; query: string }) {
  const words = wordsOf(query);
  const parts = text.split(/([\p{L}\p{N}_]+)/u);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && words.some((w) => part.toLowerCase().startsWith(w)) ? (
          <mark key={i} className="rounded-sm bg-amber-200/80 px-0.5 text-inherit">
            {part}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

type Hit = { messageId: string; conversationId: string; senderId: string | null; body: string; createdAt: Date };

/**
 * Results of a message search (all conversations, or one), newest first. `onOpen`, when given, handles a click
 * instead of following the link (searching within the open thread).
 */
export function MessageSearchResults({
  query,
  conversations,
  conversationId,
  onOpen,
}: {
  query: string;
  conversations: Conversation[] | undefined;
  conversationId?: string;
  onOpen?: (hit: Hit) => void;
}) {
  const trpc = useTRPC();
  const meId = useMyId();
  const now = useNow();
  const searched = searchableQuery(useDebounced(query, 250));
  const results = useQuery(
    trpc.chat.search.queryOptions(
      { query: searched ?? "", ...(conversationId ? { conversationId } : {}) },
      { enabled: searched !== null, placeholderData: keepPreviousData, staleTime: 10_000 },
    ),
  );
  const byId = new Map(conversations?.map((c) => [c.id, c]));

  if (!searchableQuery(query)) {
    return (
      <p className="px-4 py-6 text-center text-sm text-stone-500">
        Type at least {SEARCH_MIN_CHARS} characters to search your messages.
      </p>
    );
  }
  if (results.isError) return <FormAlert message={formErrors(results.error).form} />;
  if (!results.data || searched === null) return <Spinner label="Searching" />;
  if (results.data.length === 0)
    return <p className="px-4 py-6 text-center text-sm text-stone-500">No messages match “{searched}”.</p>;

  return (
    <ul
      aria-label="Message search results"
      aria-busy={results.isFetching || undefined}
      className="divide-y divide-stone-100 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm"
    >
      {results.data.map((hit) => {
        const c = byId.get(hit.conversationId);
        const sender =
          hit.senderId === null
            ? DELETED_USER_NAME
            : hit.senderId === meId
              ? "You"
              : (c?.members.find((u) => u.id === hit.senderId)?.displayName ?? "Former member");
        const created = new Date(hit.createdAt);
        const body = (
          <>
            {c ? (
              <ConversationAvatar conversation={c} size={40} />
            ) : (
              <span aria-hidden className="size-10 shrink-0 rounded-full bg-stone-200" />
            )}
            <span className="min-w-0 flex-1">
              <span className="flex items-baseline gap-2">
                <span className="min-w-0 flex-1 truncate font-medium text-stone-900">
                  {conversationId ? (sender ?? "Hearth") : (c?.title ?? "Conversation")}
                </span>
                <time
                  dateTime={created.toISOString()}
                  title={created.toLocaleString()}
                  className="shrink-0 text-xs text-stone-500"
                >
                  {relativeTime(created, now)}
                </time>
              </span>
              <span className="mt-0.5 block text-sm break-words text-stone-600">
                {!conversationId && sender ? <span className="font-medium text-stone-700">{sender}: </span> : null}
                <Highlighted text={snippetOf(hit.body, searched)} query={searched} />
              </span>
            </span>
          </>
        );
        const className =
          "flex w-full items-start gap-3 px-4 py-3 text-left hover:bg-stone-50 focus-visible:bg-stone-50";
        return (
          <li key={hit.messageId}>
            {onOpen ? (
              <button type="button" className={className} onClick={() => onOpen(hit)}>
                {body}
              </button>
            ) : (
              <Link href={`/messages/${hit.conversationId}#message-${hit.messageId}`} className={className}>
                {body}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The search field over the conversation list (and in a thread). */
export function MessageSearchBox({
  value,
  onChange,
  label = "Search messages",
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
  autoFocus?: boolean;
}) {
  return (
    <div className="relative">
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-stone-400"
      >
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5" />
      </svg>
      <input
        type="search"
        aria-label={label}
        placeholder={label}
        value={value}
        maxLength={200}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && value) {
            e.preventDefault();
            onChange("");
          }
        }}
        className="block w-full rounded-full border border-stone-300 bg-white py-2 pr-3 pl-9 text-stone-900 shadow-sm placeholder:text-stone-400 focus:border-ember-500 focus:ring-2 focus:ring-ember-500/30 focus:outline-none"
      />
    </div>
  );
}
