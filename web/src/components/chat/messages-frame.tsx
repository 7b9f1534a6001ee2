"use client";

import { useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";
import { ConversationList } from "./conversation-list";

/**
 * Messages from `lg` up: the conversation list beside the open thread (or beside "Pick a conversation"), each
 * scrolling by itself, as in Slack or Element. Below `lg` they are two screens: the list, then a thread with a way back.
 */
export function MessagesFrame({ children }: { children: ReactNode }) {
  const segment = useSelectedLayoutSegment();
  const openId = segment ? decodeURIComponent(segment) : null;
  return (
    <div className="lg:grid lg:h-[calc(100dvh-8.5rem)] lg:min-h-[26rem] lg:grid-cols-[minmax(18rem,22rem)_minmax(0,1fr)] lg:gap-4">
      <div className={`lg:flex lg:min-h-0 lg:flex-col ${openId ? "hidden" : ""}`}>
        <ConversationList openId={openId} />
      </div>
      <div className={`lg:min-h-0 ${openId ? "" : "hidden lg:block"}`}>{children}</div>
    </div>
  );
}

/** The right-hand pane before a conversation is chosen (desktop only: on phones the list is the page). */
export function PickConversation() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 rounded-2xl border border-dashed border-stone-300 bg-white/60 p-8 text-center">
      <h2 className="font-medium text-stone-800">Pick a conversation</h2>
      <p className="max-w-xs text-sm text-stone-500">Choose one on the left to read and reply, or start a new group.</p>
    </div>
  );
}
