"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useTRPC, useTRPCClient } from "@/trpc/client";
import { Button } from "../ui/button";
import { useConfirm } from "../ui/dialog";
import { EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { threadMessages, useChatCache } from "./chat-cache";
import { Composer } from "./composer";
import { ConversationAvatar } from "./conversation-avatar";
import { dayLabel, sameDay } from "@/lib/dates";
import { useNow } from "@/components/ui/use-now";
import { MessageRow } from "./message-row";
import { useMyId } from "@/components/ui/use-my-id";
import { BackLink, ThreadHeader } from "./thread-header";
import { TARGET_MAX_PAGES, useHashMessageId, usePageVisible, useViewing } from "./thread-hooks";
import { pendingAsMessage, usePendingSends } from "./pending-sends";
import { TypingIndicator } from "./typing";
import {
  HISTORY_PAGE_SIZE,
  removedKey,
  threadKey,
  type Conversation,
  type HistoryPage,
  type Message,
  type ThreadData,
} from "./types";
import { DELETED_USER_NAME } from "@/lib/deleted-user";
import { errorCode } from "@/lib/trpc-errors";
import { scrollBehaviour } from "@/lib/motion";

/**
 * One conversation. On phones it is a screen of its own (over the app's bars) with the composer at the bottom;
 * from `sm` up it is a card of the viewport's height in the page, and from `lg` the pane beside the list.
 */
export function Thread({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summary = useQuery(trpc.chat.conversation.queryOptions({ conversationId }));
  // Set by the live stream when the user is removed from (or leaves) this conversation.
  const removed =
    useQuery({
      queryKey: removedKey(conversationId),
      queryFn: () => queryClient.getQueryData<boolean>(removedKey(conversationId)) ?? false,
      enabled: false,
      staleTime: Infinity,
    }).data === true;
  const unavailable = removed || errorCode(summary.error) === "NOT_FOUND";

  return (
    <div className="fixed inset-0 z-30 flex flex-col bg-stone-50 sm:static sm:z-auto sm:h-[calc(100dvh-8.5rem)] sm:min-h-[26rem] sm:overflow-hidden sm:rounded-2xl sm:border sm:border-stone-200 sm:shadow-sm lg:h-full lg:min-h-0">
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
        {removed
          ? "You were removed from this conversation, or left it."
          : "It may have been removed, or you are no longer part of it."}{" "}
        <Link href="/messages" className="text-ember-700 hover:underline">
          Back to messages
        </Link>
      </EmptyState>
    </div>
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
    queryFn: ({ pageParam, signal }) =>
      client.chat.history.query({ conversationId, beforeSeq: pageParam, limit: HISTORY_PAGE_SIZE }, { signal }),
    initialPageParam: undefined,
    getNextPageParam: (last) => (last.hasMore ? last.messages[0]?.seq : undefined),
    // Live events keep it current; a refetch reloads every loaded page.
    staleTime: 60_000,
  });
  const messages = threadMessages(history.data);
  // Mine on their way, after everything stored; one the live stream already brought is shown as stored.
  const sends = usePendingSends(conversationId);
  const stored = new Set(messages.map((m) => m.clientId).filter(Boolean));
  const pending = sends.pending.filter((p) => !stored.has(p.clientId));
  const rows = [...messages, ...pending.map((p) => pendingAsMessage(p, meId))];
  const pendingById = new Map(pending.map((p) => [`pending-${p.clientId}`, p]));
  // One that failed after all reached the server (its answer was lost): it is stored, so nothing is left to retry.
  const { discard } = sends;
  const arrived = sends.pending
    .filter((p) => p.status === "failed" && stored.has(p.clientId))
    .map((p) => p.clientId)
    .join(",");
  useEffect(() => {
    for (const clientId of arrived ? arrived.split(",") : []) discard(clientId);
  }, [arrived, discard]);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const { confirm, confirmDialog } = useConfirm();
  const remove = useMutation(trpc.chat.delete.mutationOptions({ onSuccess: (m) => cache.messageUpdated(m) }));

  const names = new Map(conversation.members.map((u) => [u.id, u.id === meId ? "You" : u.displayName]));
  // A message without an author is from an account that was deleted since.
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "Former member") : DELETED_USER_NAME);

  // --- scrolling: start at the bottom, follow new messages while at the bottom, hold still when earlier ones load
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef<{ newest?: string; oldest?: string; height: number }>({ height: 0 });
  const newest = rows.at(-1);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = seen.current;
    if (newest?.id !== before.newest) {
      if (before.newest === undefined || atBottom.current || newest?.senderId === meId) el.scrollTop = el.scrollHeight;
    } else if (rows[0]?.id !== before.oldest && before.oldest !== undefined) {
      el.scrollTop += el.scrollHeight - before.height;
    }
    seen.current = { newest: newest?.id, oldest: rows[0]?.id, height: el.scrollHeight };
  });
  const onScroll = () => {
    const el = scroller.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };
  const jumpTo = (messageId: string) =>
    document.getElementById(`message-${messageId}`)?.scrollIntoView({ behavior: scrollBehaviour(), block: "center" });

  // --- a linked message (#message-<id>, from search): load earlier pages until it is there (a few at most),
  // then scroll to it and highlight it for a moment
  const hashTarget = useHashMessageId();
  const [picked, setPicked] = useState<string | null>(null);
  const [doneWith, setDoneWith] = useState<string | null>(null);
  const target = picked ?? (hashTarget !== doneWith ? hashTarget : null);
  const targetLoaded = !!target && messages.some((m) => m.id === target);
  const targetState = useRef<{ id: string | null; pages: number; scrolled: boolean }>({
    id: null,
    pages: 0,
    scrolled: false,
  });
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
  const { mutate: markRead } = useMutation(
    trpc.chat.markRead.mutationOptions({
      onSuccess: ({ lastReadSeq }, input) => cache.read(input.conversationId, meId, lastReadSeq),
    }),
  );
  const requested = useRef(0);
  const newestStored = messages.at(-1);
  const newestSeq = newestStored?.seq ?? 0;
  const myRead = conversation.readState[meId] ?? 0;
  // Sending moves my own read state already.
  const newestIsMine = newestStored?.senderId === meId;
  useEffect(() => {
    if (!visible || newestIsMine || newestSeq <= myRead || newestSeq <= requested.current) return;
    requested.current = newestSeq;
    markRead({ conversationId, seq: newestSeq });
  }, [visible, newestIsMine, newestSeq, myRead, conversationId, markRead]);

  // --- read receipt under my newest message
  const lastOwn = messages.findLast((m) => m.senderId === meId && m.kind === "TEXT");
  const others = conversation.members.filter((u) => u.id !== meId);
  const seenBy = lastOwn ? others.filter((u) => (conversation.readState[u.id] ?? 0) >= lastOwn.seq).length : 0;
  const receipt = !lastOwn
    ? null
    : seenBy === 0
      ? "Sent"
      : conversation.kind === "DIRECT"
        ? "Seen"
        : seenBy === others.length
          ? "Seen by everyone"
          : `Seen by ${seenBy}`;

  const del = async (m: Message) => {
    setActiveId(null);
    const confirmed = await confirm({
      title: "Delete this message?",
      body: "It will be removed for everyone in the conversation.",
      confirmLabel: "Delete",
      danger: true,
    });
    if (confirmed) remove.mutate({ messageId: m.id });
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
        onKeyDown={(e) => {
          // Esc closes a message's open actions and reaction picker, and puts the keyboard back in the composer.
          if (e.key === "Escape" && activeId) {
            setActiveId(null);
            document.getElementById(`composer-${conversationId}`)?.focus();
          }
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
                <Button
                  variant="secondary"
                  className="px-3 py-1 text-xs"
                  onClick={() => void history.fetchNextPage()}
                  pending={history.isFetchingNextPage}
                >
                  Load earlier messages
                </Button>
              ) : messages.length ? (
                <p className="py-2 text-xs text-stone-400">This is the start of your conversation.</p>
              ) : null}
            </div>
            {rows.length === 0 ? (
              <div className="flex h-full flex-col items-center justify-center gap-3 pb-10 text-center">
                <ConversationAvatar conversation={conversation} size={64} />
                <p className="font-medium text-stone-800">{conversation.title}</p>
                <p className="text-sm text-stone-500">No messages yet. Say hello!</p>
              </div>
            ) : (
              // The log (a live region) holds a plain list, so every item is in a list.
              <div role="log" aria-label="Messages">
                <ol className="flex flex-col">
                  {rows.map((m, i) => {
                    const prev = rows[i - 1];
                    const sending = pendingById.get(m.id);
                    const created = new Date(m.createdAt);
                    const newDay = !prev || !sameDay(new Date(prev.createdAt), created);
                    const firstInRun =
                      newDay ||
                      prev.senderId !== m.senderId ||
                      prev.kind !== m.kind ||
                      created.getTime() - new Date(prev.createdAt).getTime() > 5 * 60_000;
                    return (
                      // Keyed by the client id where there is one, so a message on its way becomes the stored one in place.
                      <li key={m.clientId ?? m.id}>
                        {newDay ? (
                          <p
                            role="separator"
                            className="my-3 flex items-center gap-3 text-xs font-medium text-stone-500"
                          >
                            <span className="h-px flex-1 bg-stone-200" />
                            {dayLabel(created, now)}
                            <span className="h-px flex-1 bg-stone-200" />
                          </p>
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
                          delivery={
                            sending
                              ? {
                                  status: sending.status,
                                  error: sending.error,
                                  retryable: sending.retryable,
                                  files: sending.files.map((f) => f.name),
                                  onRetry: () => sends.retry(sending.clientId),
                                  onDiscard: () => sends.discard(sending.clientId),
                                }
                              : undefined
                          }
                        />
                      </li>
                    );
                  })}
                </ol>
              </div>
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
      {conversation.kind === "DIRECT" && !conversation.other ? (
        <p className="border-t border-stone-200 bg-white px-4 py-3 text-center text-sm text-stone-500">
          This account was deleted. You can read the conversation, but no longer reply.
        </p>
      ) : (
        <Composer
          conversationId={conversationId}
          replyTo={replyTo}
          replyName={replyTo ? nameOf(replyTo.senderId) : null}
          onCancelReply={() => setReplyTo(null)}
          onSent={() => {
            atBottom.current = true;
          }}
        />
      )}
      {confirmDialog}
    </>
  );
}
