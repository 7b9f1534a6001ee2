"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useMemo } from "react";
import { useTRPCClient } from "@/trpc/client";
import { useMyId } from "@/components/ui/use-my-id";
import { formErrors } from "../ui/form-errors";
import { useChatCache } from "./chat-cache";
import type { Message } from "./types";

/**
 * Messages on their way: shown in the thread at once (muted, "Sending…"), replaced by the stored message when the
 * server answers, or marked "Not sent" with Retry when the network or the server failed. Each carries a client id the
 * server stores with the message, so a retry after a lost answer never stores it twice, and the copy that comes back
 * through the live stream (before or after the answer) is recognised as this one.
 */
export interface PendingSend {
  clientId: string;
  conversationId: string;
  body: string;
  replyTo: Message | null;
  files: { attachmentId: string; name: string }[];
  createdAt: string;
  status: "sending" | "failed";
  /** Why the last attempt failed, when the server said. */
  error: string | null;
  /** False when the server refused it outright (retrying the same would fail the same way). */
  retryable: boolean;
}

export interface Draft {
  body: string;
  replyTo: Message | null;
  files: { attachmentId: string; name: string }[];
}

export const pendingKey = (conversationId: string) => ["chat-pending", conversationId] as const;

/** A random id for a new message; crypto.randomUUID needs a secure context, which a LAN install over http is not. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A network failure, a server fault or a rate limit is worth retrying; a refusal of the input is not. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  const data = error.data as { code?: string; httpStatus?: number } | undefined;
  if (!data?.code) return true;
  return data.code === "TOO_MANY_REQUESTS" || data.code === "TIMEOUT" || (data.httpStatus ?? 500) >= 500;
}

function setPending(queryClient: QueryClient, conversationId: string, update: (list: PendingSend[]) => PendingSend[]) {
  queryClient.setQueryData<PendingSend[]>(pendingKey(conversationId), (list) => update(list ?? []));
}

/** How a pending message looks in the thread: a message of mine, placed after everything stored. */
export function pendingAsMessage(p: PendingSend, meId: string): Message {
  return {
    id: `pending-${p.clientId}`,
    conversationId: p.conversationId,
    seq: Number.MAX_SAFE_INTEGER,
    kind: "TEXT",
    senderId: meId,
    body: p.body,
    replyTo: p.replyTo
      ? {
          id: p.replyTo.id,
          seq: p.replyTo.seq,
          senderId: p.replyTo.senderId,
          body: p.replyTo.body.slice(0, 140),
          deleted: false,
        }
      : null,
    createdAt: p.createdAt,
    editedAt: null,
    deletedAt: null,
    attachments: [],
    reactions: [],
    call: null,
    clientId: p.clientId,
  };
}

/**
 * The conversation's pending messages and the ways to send, retry and drop them. `onRefused` gets a first attempt the
 * server refused (e.g. a file flagged as malware), so the composer can take it back for editing.
 */
export function usePendingSends(conversationId: string, onRefused?: (pending: PendingSend, error: unknown) => void) {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const cache = useChatCache(useMyId());
  const pending =
    useQuery({
      queryKey: pendingKey(conversationId),
      queryFn: () => queryClient.getQueryData<PendingSend[]>(pendingKey(conversationId)) ?? [],
      enabled: false,
      staleTime: Infinity,
    }).data ?? [];

  return useMemo(() => {
    const patch = (clientId: string, change: Partial<PendingSend> | null) =>
      setPending(queryClient, conversationId, (list) =>
        change
          ? list.map((p) => (p.clientId === clientId ? { ...p, ...change } : p))
          : list.filter((p) => p.clientId !== clientId),
      );

    const attempt = (p: PendingSend, first: boolean) => {
      patch(p.clientId, { status: "sending", error: null });
      client.chat.send
        .mutate({
          conversationId,
          body: p.body,
          replyToId: p.replyTo?.id,
          attachmentIds: p.files.length ? p.files.map((f) => f.attachmentId) : undefined,
          clientId: p.clientId,
        })
        .then((message) => {
          cache.messageCreated(message);
          patch(p.clientId, null);
        })
        .catch((error: unknown) => {
          const retryable = isRetryable(error);
          if (!retryable && first && onRefused) {
            patch(p.clientId, null);
            onRefused(p, error);
            return;
          }
          const errors = formErrors(error);
          const reason = retryable ? null : (Object.values(errors.fields)[0] ?? errors.form);
          patch(p.clientId, { status: "failed", error: reason, retryable });
        });
    };

    return {
      pending,
      send(draft: Draft) {
        const p: PendingSend = {
          ...draft,
          clientId: newClientId(),
          conversationId,
          createdAt: new Date().toISOString(),
          status: "sending",
          error: null,
          retryable: true,
        };
        setPending(queryClient, conversationId, (list) => [...list, p]);
        attempt(p, true);
      },
      retry(clientId: string) {
        const p = (queryClient.getQueryData<PendingSend[]>(pendingKey(conversationId)) ?? []).find(
          (x) => x.clientId === clientId,
        );
        if (p) attempt(p, false);
      },
      discard(clientId: string) {
        patch(clientId, null);
      },
    };
  }, [pending, client, queryClient, cache, conversationId, onRefused]);
}
