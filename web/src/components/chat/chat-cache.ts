"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/trpc/client";
import { removedKey, threadKey, type Conversation, type Message, type ThreadData } from "./types";

/** Flattens a thread's pages into one list, oldest first. */
export function threadMessages(data: ThreadData | undefined): Message[] {
  if (!data) return [];
  return data.pages.toReversed().flatMap((page) => page.messages);
}

/** Adds a message to a loaded thread (or replaces it when already there): no duplicates, kept in seq order. */
export function upsertMessage(data: ThreadData, message: Message): ThreadData {
  if (data.pages.some((page) => page.messages.some((m) => m.id === message.id))) return replaceMessage(data, message);
  const [newest, ...older] = data.pages;
  if (!newest) return data;
  const messages = [...newest.messages, message].sort((a, b) => a.seq - b.seq);
  return { ...data, pages: [{ ...newest, messages }, ...older] };
}

/** Replaces a loaded message (edited, deleted), and the quotes of it in replies. */
export function replaceMessage(data: ThreadData, message: Message): ThreadData {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      messages: page.messages.map((m) => {
        if (m.id === message.id) return message;
        if (m.replyTo?.id === message.id) {
          return {
            ...m,
            replyTo: {
              ...m.replyTo,
              body: message.deletedAt ? "" : message.body.slice(0, 140),
              deleted: !!message.deletedAt,
            },
          };
        }
        return m;
      }),
    })),
  };
}

/** Pinned first (in their own order), then by last activity, as the server orders them. */
function sortConversations(list: Conversation[]): Conversation[] {
  return list.toSorted((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (a.pinned) return 0;
    return b.lastMessageAt.getTime() - a.lastMessageAt.getTime();
  });
}

function withMessage(c: Conversation, message: Message, meId: string): Conversation {
  const isNewer = !c.lastMessage || message.seq >= c.lastMessage.seq;
  if (!isNewer) return c;
  const own = message.senderId === meId;
  const isNew = !c.lastMessage || message.seq > c.lastMessage.seq;
  // Sending a message moves the sender's read state to it.
  const sender = message.senderId;
  return {
    ...c,
    lastMessage: message,
    lastMessageAt: isNew ? new Date(message.createdAt) : c.lastMessageAt,
    unread: own ? 0 : isNew ? c.unread + 1 : c.unread,
    readState: sender ? { ...c.readState, [sender]: Math.max(c.readState[sender] ?? 0, message.seq) } : c.readState,
  };
}

function withRead(c: Conversation, userId: string, seq: number, meId: string): Conversation {
  const readState = { ...c.readState, [userId]: Math.max(c.readState[userId] ?? 0, seq) };
  const newest = c.lastMessage?.seq ?? 0;
  return { ...c, readState, unread: userId === meId ? Math.max(0, newest - readState[userId]!) : c.unread };
}

/** Cache updates shared by the live event stream and the thread's own mutations. */
export function chatCache(
  queryClient: QueryClient,
  keys: { list: readonly unknown[]; one: (conversationId: string) => readonly unknown[] },
  meId: string,
) {
  const patchConversation = (conversationId: string, patch: (c: Conversation) => Conversation): boolean => {
    let found = false;
    queryClient.setQueryData<Conversation[]>(keys.list, (list) => {
      if (!list) return list;
      const index = list.findIndex((c) => c.id === conversationId);
      if (index < 0) return list;
      found = true;
      return sortConversations(list.map((c, i) => (i === index ? patch(c) : c)));
    });
    queryClient.setQueryData<Conversation>(keys.one(conversationId), (c) => (c ? patch(c) : c));
    return found;
  };

  const setThread = (conversationId: string, update: (data: ThreadData) => ThreadData) => {
    const key = threadKey(conversationId);
    queryClient.setQueryData<ThreadData>(key, (data) => (data ? update(data) : data));
    // A page fetched before this change would overwrite it when it lands: fetch again instead.
    if (queryClient.isFetching({ queryKey: key }) > 0) void queryClient.invalidateQueries({ queryKey: key });
  };

  return {
    /** A new message (from the stream, or the sender's own send response). */
    messageCreated(message: Message) {
      setThread(message.conversationId, (data) => upsertMessage(data, message));
      const known = patchConversation(message.conversationId, (c) => withMessage(c, message, meId));
      if (!known) void queryClient.invalidateQueries({ queryKey: keys.list });
    },
    /** An edited or deleted message. */
    messageUpdated(message: Message) {
      setThread(message.conversationId, (data) => replaceMessage(data, message));
      patchConversation(message.conversationId, (c) =>
        c.lastMessage?.id === message.id ? { ...c, lastMessage: message } : c,
      );
    },
    read(conversationId: string, userId: string, seq: number) {
      patchConversation(conversationId, (c) => withRead(c, userId, seq, meId));
    },
    preferences(conversationId: string, prefs: { muted?: boolean; pinned?: boolean }) {
      patchConversation(conversationId, (c) => ({ ...c, ...prefs }));
    },
    conversationChanged(conversationId: string) {
      // (Re-)added to a conversation one was removed from: it is theirs again.
      if (queryClient.getQueryData(removedKey(conversationId)))
        queryClient.setQueryData(removedKey(conversationId), false);
      void queryClient.invalidateQueries({ queryKey: keys.list });
      void queryClient.invalidateQueries({ queryKey: keys.one(conversationId) });
    },
    conversationRemoved(conversationId: string) {
      queryClient.setQueryData(removedKey(conversationId), true);
      queryClient.setQueryData<Conversation[]>(keys.list, (list) => list?.filter((c) => c.id !== conversationId));
      void queryClient.invalidateQueries({ queryKey: keys.list });
      void queryClient.invalidateQueries({ queryKey: keys.one(conversationId) });
      void queryClient.invalidateQueries({ queryKey: threadKey(conversationId) });
    },
  };
}

export function useChatCache(meId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(
    () =>
      chatCache(
        queryClient,
        {
          list: trpc.chat.conversations.queryKey(),
          one: (conversationId) => trpc.chat.conversation.queryKey({ conversationId }),
        },
        meId,
      ),
    [queryClient, trpc, meId],
  );
}
