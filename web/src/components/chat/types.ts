import type { InfiniteData } from "@tanstack/react-query";
import type { RouterOutputs } from "@/trpc/types";

export type Conversation = RouterOutputs["chat"]["conversations"][number];
export type HistoryPage = RouterOutputs["chat"]["history"];
export type Message = HistoryPage["messages"][number];
export type Member = Conversation["members"][number];

/** A thread's loaded history: pages[0] is the newest page, each later page is older; messages in a page are oldest first. */
export type ThreadData = InfiniteData<HistoryPage, number | undefined>;

export const HISTORY_PAGE_SIZE = 50;
export { MESSAGE_MAX_CHARS } from "@/lib/text-limits";

/** The React Query key of a thread's (infinite) history. Not a tRPC key: history pages are keyed by beforeSeq, not by a cursor. */
export const threadKey = (conversationId: string) => ["chat-thread", conversationId] as const;
export const allThreadsKey = ["chat-thread"] as const;

/** Set (true) when the server tells this user they are no longer in a conversation (removed, or they left). */
export const removedKey = (conversationId: string) => ["chat-removed", conversationId] as const;
