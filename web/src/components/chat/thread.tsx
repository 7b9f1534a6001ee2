"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { useTRPC, useTRPCClient } from "@/trpc/client";
import { StartCallButton } from "../calls/call-button";
import { PresenceText, WithPresence } from "../presence/presence";
import { LiveCallBanner, StartGroupCallButton } from "../rooms/group-call";
import { Button } from "../ui/button";
import { EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { threadMessages, useChatCache } from "./chat-cache";
import { Composer } from "./composer";
import { ConversationAvatar } from "./conversation-avatar";
import { dayLabel, sameDay, useNow } from "./format";
import { MessageRow } from "./message-row";
import { useMyId } from "./realtime-provider";
import { GroupDetailsDialog } from "./group-details";
import { BellIcon, BellOffIcon, PinIcon } from "./icons";
import { MessageSearchBox, MessageSearchResults } from "./message-search";
import { typingText, useTypingUsers } from "./typing";
import { HISTORY_PAGE_SIZE, removedKey, threadKey, type Conversation, type HistoryPage, type Message, type ThreadData } from "./types";

const errorCode = (error: unknown) => (error as { data?: { code?: string } } | null)?.data?.code;

function subscribeVisibility(onChange: () => void) {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}
const usePageVisible = () => useSyncExternalStore(subscribeVisibility, () => document.visibilityState === "visible", () => false);

function subscribeHash(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  window.addEventListener("popstate", onChange);
  return () => {
    window.removeEventListener("hashchange", onChange);
    window.removeEventListener("popstate", onChange);
  };
}
/** The message a `#message-<id>` link points at (search results link to them). */
const useHashMessageId = () => {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash, () => "");
  return hash.startsWith("#message-") ? decodeURIComponent(hash.slice("#message-".length)) : null;
};
/** How many earlier pages a link to a message may load to find it. */
const TARGET_MAX_PAGES = 5;

// Viewing reports go out one after another, so a quick leave-and-return cannot land out of order.
let viewingReports: Promise<unknown> = Promise.resolve();

/**
 * While the thread is open and the tab visible, tells the server the user is looking at it (renewed every 30 s; the
 * server forgets it after a minute), so messages here raise no notifications; and that they stopped, when they do.
 */
function useViewing(conversationId: string, visible: boolean) {
  const client = useTRPCClient();
  useEffect(() => {
    if (!visible) return;
    const say = (viewing: boolean) => {
      viewingReports = viewingReports.then(() => client.notifications.viewing.mutate({ conversationId, viewing })).catch(() => undefined);
    };
    say(true);
    const timer = setInterval(() => say(true), 30_000);
    return () => {
      clearInterval(timer);
      say(false);
    };
  }, [client, conversationId, visible]);
}

/**
 * One conversation. On phones it is a screen of its own (over the app's bars) with the composer at the bottom;
 * from `sm` up it is a card of the viewport's height in the page.
 */
export function Thread({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summary = useQuery(trpc.chat.conversation.queryOptions({ conversationId }));
  // Set by the live stream when the user is removed from (or leaves) this conversation.
  const removed = useQuery({ queryKey: removedKey(conversationId), queryFn: () => queryClient.getQueryData<boolean>(removedKey(conversationId)) ?? false, enabled: false, staleTime: Infinity }).data === true;
  const unavailable = removed || errorCode(summary.error) === "NOT_FOUND";

  return (
    <div className="fixed inset-0 z-30 flex flex-col bg-stone-50 sm:static sm:z-auto sm:h-[calc(100dvh-8.5rem)] sm:min-h-[26rem] sm:overflow-hidden sm:rounded-2xl sm:border sm:border-stone-200 sm:shadow-sm">
      {unavailable ? (
        <Unavailable removed={removed} />
      ) : summary.isError ? (
        <Shell>
          <FormAlert message={formErrors(summary.error).form} />
        </Shell>
      ) : !summary.data ? (
        <Shell>
          <Spinner label="Loading conversation" />
        </Shell>
      ) : (
        <ThreadBody conversation={summary.data} />
      )}
    </div>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <>
      <div className="flex items-center border-b border-stone-200 bg-white px-3 py-2">
        <BackLink />
      </div>
      <div className="p-4">{children}</div>
    </>
  );
}

function Unavailable({ removed = false }: { removed?: boolean }) {
  return (
    <div className="flex flex-1 items-center justify-center p-4">
      <EmptyState title={removed ? "You are no longer in this group" : "This conversation isn't available"}>
        {removed ? "You were removed from this conversation, or left it." : "It may have been removed, or you are no longer part of it."}{" "}
        <Link href="/messages" className="text-ember-700 hover:underline">
          Back to messages
        </Link>
      </EmptyState>
    </div>
  );
}

function BackLink() {
  return (
    <Link href="/messages" className="-ml-1 inline-flex size-10 shrink-0 items-center justify-center rounded-full text-xl text-stone-600 hover:bg-stone-100">
      <span aria-hidden>←</span>
      <span className="sr-only">Back to messages</span>
    </Link>
  );
}

function ThreadHeader({ conversation: c, onFind }: { conversation: Conversation; onFind: (messageId: string) => void }) {
  const trpc = useTRPC();
  const cache = useChatCache(useMyId());
  const prefs = useMutation(trpc.chat.setPreferences.mutationOptions({ onSuccess: (_, input) => cache.preferences(input.conversationId, input) }));
  const other = c.kind === "DIRECT" ? c.other : null;
  const subtitle = c.kind === "GROUP" ? `${c.members.length} members` : other ? `@${other.username}` : null;
  const title = <h1 className="truncate font-semibold text-stone-900">{c.title}</h1>;
  const [showInfo, setShowInfo] = useState(false);
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState("");
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="flex items-center gap-2 px-2 py-2 sm:gap-3 sm:px-3">
        <BackLink />
        <WithPresence userId={other?.id} size={40}>
          <ConversationAvatar conversation={c} size={40} />
        </WithPresence>
        <div className="min-w-0 flex-1">
          {other ? (
            <Link href={`/u/${other.username}`} className="block hover:underline">
              {title}
            </Link>
          ) : (
            title
          )}
          {subtitle ? (
            <p className="flex min-w-0 items-center gap-1.5 text-xs text-stone-500">
              <PresenceText userId={other?.id} className="inline-flex shrink-0 after:text-stone-400 after:content-['·']" />
              <span className="truncate">{subtitle}</span>
            </p>
          ) : null}
        </div>
        {other ? <StartCallButton user={other} /> : null}
        {c.kind === "GROUP" ? <StartGroupCallButton conversationId={c.id} /> : null}
        <ToggleButton pressed={c.muted} onClick={() => prefs.mutate({ conversationId: c.id, muted: !c.muted })} icon={c.muted ? <BellOffIcon /> : <BellIcon />} label="Mute" />
        <ToggleButton pressed={c.pinned} onClick={() => prefs.mutate({ conversationId: c.id, pinned: !c.pinned })} icon={<PinIcon />} label="Pin" />
        <HeaderButton onClick={() => setSearching((open) => !open)} label="Search in this conversation" pressed={searching} icon={<SearchIcon />} />
        {c.kind === "GROUP" ? <HeaderButton onClick={() => setShowInfo(true)} label="Group info" icon={<InfoIcon />} /> : null}
      </div>
      {c.kind === "GROUP" ? <LiveCallBanner conversationId={c.id} /> : null}
      {searching ? (
        <div className="space-y-2 border-t border-stone-100 px-3 py-2">
          <MessageSearchBox value={query} onChange={setQuery} label="Search in this conversation" autoFocus />
          {query.trim() ? (
            <div className="max-h-[45dvh] overflow-y-auto">
              <MessageSearchResults
                query={query}
                conversations={[c]}
                conversationId={c.id}
                onOpen={(hit) => {
                  setSearching(false);
                  setQuery("");
                  onFind(hit.messageId);
                }}
              />
            </div>
          ) : null}
        </div>
      ) : null}
      {showInfo ? <GroupDetailsDialog conversation={c} onClose={() => setShowInfo(false)} /> : null}
      {prefs.isError ? (
        <div className="px-3 pb-2">
          <FormAlert message={formErrors(prefs.error).form} />
        </div>
      ) : null}
    </header>
  );
}

function HeaderButton({ onClick, label, icon, pressed }: { onClick: () => void; label: string; icon: ReactNode; pressed?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      title={label}
      aria-pressed={pressed}
      className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-100 aria-pressed:bg-ember-50 aria-pressed:text-ember-700"
    >
      {icon}
      <span className="sr-only">{label}</span>
    </button>
  );
}

const SearchIcon = () => (
  <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </svg>
);

const InfoIcon = () => (
  <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 16v-4" />
    <path d="M12 8h.01" />
  </svg>
);

function ToggleButton({ pressed, onClick, icon, label }: { pressed: boolean; onClick: () => void; icon: ReactNode; label: string }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      title={pressed ? `${label}d` : label}
      className="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2 text-sm font-medium text-stone-600 hover:bg-stone-100 aria-pressed:bg-ember-50 aria-pressed:text-ember-700 sm:px-3"
    >
      {icon}
      <span className="sr-only sm:not-sr-only">{label}</span>
    </button>
  );
}

function ThreadBody({ conversation }: { conversation: Conversation }) {
  const conversationId = conversation.id;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const meId = useMyId();
  const cache = useChatCache(meId);
  const now = useNow();
  const history = useInfiniteQuery<HistoryPage, Error, ThreadData, ReturnType<typeof threadKey>, number | undefined>({
    queryKey: threadKey(conversationId),
    queryFn: ({ pageParam, signal }) => client.chat.history.query({ conversationId, beforeSeq: pageParam, limit: HISTORY_PAGE_SIZE }, { signal }),
    initialPageParam: undefined,
    getNextPageParam: (last) => (last.hasMore ? last.messages[0]?.seq : undefined),
    // Live events keep it current; a refetch reloads every loaded page.
    staleTime: 60_000,
  });
  const messages = threadMessages(history.data);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const remove = useMutation(trpc.chat.delete.mutationOptions({ onSuccess: (m) => cache.messageUpdated(m) }));

  const names = new Map(conversation.members.map((u) => [u.id, u.id === meId ? "You" : u.displayName]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "Former member") : "Someone");

  // --- scrolling: start at the bottom, follow new messages while at the bottom, hold still when earlier ones load
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef<{ newest?: string; oldest?: string; height: number }>({ height: 0 });
  const newest = messages.at(-1);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = seen.current;
    if (newest?.id !== before.newest) {
      if (before.newest === undefined || atBottom.current || newest?.senderId === meId) el.scrollTop = el.scrollHeight;
    } else if (messages[0]?.id !== before.oldest && before.oldest !== undefined) {
      el.scrollTop += el.scrollHeight - before.height;
    }
    seen.current = { newest: newest?.id, oldest: messages[0]?.id, height: el.scrollHeight };
  });
  const onScroll = () => {
    const el = scroller.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };
  const jumpTo = (messageId: string) => document.getElementById(`message-${messageId}`)?.scrollIntoView({ behavior: "smooth", block: "center" });

  // --- a linked message (#message-<id>, from search): load earlier pages until it is there (a few at most),
  // then scroll to it and highlight it for a moment
  const hashTarget = useHashMessageId();
  const [picked, setPicked] = useState<string | null>(null);
  const [doneWith, setDoneWith] = useState<string | null>(null);
  const target = picked ?? (hashTarget !== doneWith ? hashTarget : null);
  const targetLoaded = !!target && messages.some((m) => m.id === target);
  const targetState = useRef<{ id: string | null; pages: number; scrolled: boolean }>({ id: null, pages: 0, scrolled: false });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isPending: historyPending } = history;
  useEffect(() => {
    if (!target || historyPending || isFetchingNextPage) return;
    const state = targetState.current;
    if (state.id !== target) targetState.current = { id: target, pages: 0, scrolled: false };
    const finish = () => {
      setPicked(null);
      setDoneWith(target);
    };
    if (targetLoaded) {
      if (!targetState.current.scrolled) {
        targetState.current.scrolled = true;
        atBottom.current = false;
        document.getElementById(`message-${target}`)?.scrollIntoView({ block: "center" });
      }
      const timer = setTimeout(finish, 4000);
      return () => clearTimeout(timer);
    }
    if (hasNextPage && targetState.current.pages < TARGET_MAX_PAGES) {
      targetState.current.pages++;
      void fetchNextPage();
      return;
    }
    // Not within reach: the thread just opens where it would.
    const timer = setTimeout(finish, 0);
    return () => clearTimeout(timer);
  }, [target, targetLoaded, historyPending, isFetchingNextPage, hasNextPage, fetchNextPage]);
  const highlightId = targetLoaded ? target : null;

  // --- read state: mark read up to the newest message while the thread is on screen
  const visible = usePageVisible();
  useViewing(conversationId, visible);
  const { mutate: markRead } = useMutation(trpc.chat.markRead.mutationOptions({ onSuccess: ({ lastReadSeq }, input) => cache.read(input.conversationId, meId, lastReadSeq) }));
  const requested = useRef(0);
  const newestSeq = newest?.seq ?? 0;
  const myRead = conversation.readState[meId] ?? 0;
  // Sending moves my own read state already.
  const newestIsMine = newest?.senderId === meId;
  useEffect(() => {
    if (!visible || newestIsMine || newestSeq <= myRead || newestSeq <= requested.current) return;
    requested.current = newestSeq;
    markRead({ conversationId, seq: newestSeq });
  }, [visible, newestIsMine, newestSeq, myRead, conversationId, markRead]);

  // --- read receipt under my newest message
  const lastOwn = messages.findLast((m) => m.senderId === meId && m.kind === "TEXT");
  const others = conversation.members.filter((u) => u.id !== meId);
  const seenBy = lastOwn ? others.filter((u) => (conversation.readState[u.id] ?? 0) >= lastOwn.seq).length : 0;
  const receipt = !lastOwn ? null : seenBy === 0 ? "Sent" : conversation.kind === "DIRECT" ? "Seen" : seenBy === others.length ? "Seen by everyone" : `Seen by ${seenBy}`;

  const del = (m: Message) => {
    setActiveId(null);
    if (confirm("Delete this message? It will be removed for everyone in the conversation.")) remove.mutate({ messageId: m.id });
  };

  return (
    <>
      <ThreadHeader
        conversation={conversation}
        onFind={(messageId) => {
          targetState.current = { id: null, pages: 0, scrolled: false };
          setPicked(messageId);
        }}
      />
      <div
        ref={scroller}
        onScroll={onScroll}
        onClick={(e) => {
          if (activeId && !(e.target as HTMLElement).closest("[role=group]")) setActiveId(null);
        }}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-3 py-3 sm:px-4"
      >
        {history.isPending ? (
          <Spinner label="Loading messages" />
        ) : history.isError ? (
          errorCode(history.error) === "NOT_FOUND" ? (
            <Unavailable />
          ) : (
            <FormAlert message={formErrors(history.error).form} />
          )
        ) : (
          <>
            <div className="flex justify-center pb-2">
              {history.hasNextPage ? (
                <Button variant="secondary" className="px-3 py-1 text-xs" onClick={() => void history.fetchNextPage()} pending={history.isFetchingNextPage}>
                  Load earlier messages
                </Button>
              ) : messages.length ? (
                <p className="py-2 text-xs text-stone-400">This is the start of your conversation.</p>
              ) : null}
            </div>
            {messages.length === 0 ? (
              <div className="flex h-full flex-col items-center justify-center gap-3 pb-10 text-center">
                <ConversationAvatar conversation={conversation} size={64} />
                <p className="font-medium text-stone-800">{conversation.title}</p>
                <p className="text-sm text-stone-500">No messages yet. Say hello!</p>
              </div>
            ) : (
              <ol aria-label="Messages" role="log" className="flex flex-col">
                {messages.map((m, i) => {
                  const prev = messages[i - 1];
                  const created = new Date(m.createdAt);
                  const newDay = !prev || !sameDay(new Date(prev.createdAt), created);
                  const firstInRun = newDay || prev.senderId !== m.senderId || prev.kind !== m.kind || created.getTime() - new Date(prev.createdAt).getTime() > 5 * 60_000;
                  return (
                    <Fragment key={m.id}>
                      {newDay ? (
                        <li role="separator" className="my-3 flex items-center gap-3 text-xs font-medium text-stone-500">
                          <span className="h-px flex-1 bg-stone-200" />
                          {dayLabel(created, now)}
                          <span className="h-px flex-1 bg-stone-200" />
                        </li>
                      ) : null}
                      <MessageRow
                        message={m}
                        own={m.senderId === meId}
                        senderName={conversation.kind === "GROUP" ? nameOf(m.senderId) : null}
                        replyName={m.replyTo ? nameOf(m.replyTo.senderId) : null}
                        firstInRun={firstInRun}
                        receipt={m.id === lastOwn?.id ? receipt : null}
                        active={activeId === m.id}
                        highlighted={highlightId === m.id}
                        editing={editingId === m.id}
                        onActivate={() => setActiveId(m.id)}
                        onReply={() => {
                          setActiveId(null);
                          setReplyTo(m);
                          document.getElementById(`composer-${conversationId}`)?.focus();
                        }}
                        onEdit={() => {
                          setActiveId(null);
                          setEditingId(m.id);
                        }}
                        onEditDone={() => setEditingId(null)}
                        onDelete={() => del(m)}
                        onJumpTo={jumpTo}
                      />
                    </Fragment>
                  );
                })}
              </ol>
            )}
          </>
        )}
      </div>
      <TypingIndicator conversationId={conversationId} nameOf={nameOf} />
      {remove.isError ? (
        <div className="border-t border-stone-200 bg-white px-3 pt-2">
          <FormAlert message={formErrors(remove.error).form} />
        </div>
      ) : null}
      <Composer
        conversationId={conversationId}
        replyTo={replyTo}
        replyName={replyTo ? nameOf(replyTo.senderId) : null}
        onCancelReply={() => setReplyTo(null)}
        onSent={() => {
          atBottom.current = true;
        }}
      />
    </>
  );
}

/** "Avery is typing…" over the bottom of the messages while other members type (announced politely). */
function TypingIndicator({ conversationId, nameOf }: { conversationId: string; nameOf: (id: string) => string }) {
  const text = typingText(useTypingUsers(conversationId).map(nameOf));
  return (
    <div className="relative h-0">
      <p
        aria-live="polite"
        className="absolute bottom-2 left-3 flex max-w-[calc(100%-1.5rem)] items-center gap-2 rounded-full border border-stone-200 bg-white/95 px-3 py-1 text-xs text-stone-600 shadow-sm empty:hidden sm:left-4"
      >
        {text ? (
          <>
            <span aria-hidden className="flex gap-0.5">
              <span className="size-1 animate-bounce rounded-full bg-stone-400" />
              <span className="size-1 animate-bounce rounded-full bg-stone-400 [animation-delay:150ms]" />
              <span className="size-1 animate-bounce rounded-full bg-stone-400 [animation-delay:300ms]" />
            </span>
            <span className="truncate">{text}</span>
          </>
        ) : null}
      </p>
    </div>
  );
}
