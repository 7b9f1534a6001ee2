"use client";

import { createContext, useContext, useRef, useSyncExternalStore } from "react";
import { useTRPCClient } from "@/trpc/client";

/** How long a `typing` event shows someone as typing (the typist's client repeats it every few seconds). */
export const TYPING_SHOW_MS = 5_000;
/** A typist tells the others at most this often. */
export const TYPING_SEND_MS = 3_000;

const none: readonly string[] = [];

/** Who is typing where (live, from the event stream): per conversation, the ids of the members typing now. */
export class TypingStore {
  private typing = new Map<string, readonly string[]>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(conversationId: string): readonly string[] {
    return this.typing.get(conversationId) ?? none;
  }

  /** Someone typed: show them for a few seconds (from now). */
  started(conversationId: string, userId: string) {
    const key = `${conversationId}:${userId}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.stopped(conversationId, userId), TYPING_SHOW_MS),
    );
    const current = this.get(conversationId);
    if (!current.includes(userId)) this.set(conversationId, [...current, userId]);
  }

  /** Their message arrived (or the time ran out). */
  stopped(conversationId: string, userId: string) {
    const key = `${conversationId}:${userId}`;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const current = this.get(conversationId);
    if (current.includes(userId))
      this.set(
        conversationId,
        current.filter((id) => id !== userId),
      );
  }

  /** They left (went offline): not typing anywhere any more. */
  stoppedEverywhere(userId: string) {
    for (const [conversationId, ids] of [...this.typing])
      if (ids.includes(userId)) this.stopped(conversationId, userId);
  }

  dispose() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private set(conversationId: string, ids: readonly string[]) {
    if (ids.length) this.typing.set(conversationId, ids);
    else this.typing.delete(conversationId);
    for (const l of this.listeners) l();
  }
}

export const TypingContext = createContext<TypingStore | null>(null);

/** The ids of the other members typing in a conversation now. */
export function useTypingUsers(conversationId: string): readonly string[] {
  const store = useContext(TypingContext);
  return useSyncExternalStore(
    store?.subscribe ?? noopSubscribe,
    () => store?.get(conversationId) ?? none,
    () => none,
  );
}
const noopSubscribe = () => () => undefined;

/** Returns a function to call on each keystroke: tells the other members, at most every few seconds (errors ignored). */
export function useTypingNotifier(conversationId: string): () => void {
  const client = useTRPCClient();
  const lastSent = useRef(0);
  return () => {
    const now = Date.now();
    if (now - lastSent.current < TYPING_SEND_MS) return;
    lastSent.current = now;
    client.chat.typing.mutate({ conversationId }).catch(() => undefined);
  };
}

/** "Avery is typing…", "Avery and Blake are typing…", "Avery, Blake and 2 others are typing…". */
export function typingText(names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  const rest = names.length - 2;
  return `${names[0]}, ${names[1]} and ${rest === 1 ? "1 other" : `${rest} others`} are typing…`;
}

/** "Avery is typing…" over the bottom of the messages while other members type (announced politely). */
export function TypingIndicator({
  conversationId,
  nameOf,
}: {
  conversationId: string;
  nameOf: (id: string) => string;
}) {
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
