"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import { StartCallButton } from "../calls/call-button";
import { PresenceText, WithPresence } from "../presence/presence";
import { LiveCallBanner, StartGroupCallButton } from "../rooms/group-call";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useChatCache } from "./chat-cache";
import { ConversationAvatar } from "./conversation-avatar";
import { GroupDetailsDialog } from "./group-details";
import { BellIcon, BellOffIcon, PinIcon } from "@/components/ui/icons";
import { MessageSearchBox, MessageSearchResults } from "./message-search";
import { useMyId } from "@/components/ui/use-my-id";
import type { Conversation } from "./types";

export function BackLink() {
  return (
    <Link
      href="/messages"
      className="-ml-1 inline-flex size-10 shrink-0 items-center justify-center rounded-full text-xl text-stone-600 hover:bg-stone-100 lg:hidden"
    >
      <span aria-hidden>←</span>
      <span className="sr-only">Back to messages</span>
    </Link>
  );
}

export function ThreadHeader({
  conversation: c,
  onFind,
}: {
  conversation: Conversation;
  onFind: (messageId: string) => void;
}) {
  const trpc = useTRPC();
  const cache = useChatCache(useMyId());
  const prefs = useMutation(
    trpc.chat.setPreferences.mutationOptions({
      onSuccess: (_, input) => cache.preferences(input.conversationId, input),
    }),
  );
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
              <PresenceText
                userId={other?.id}
                className="inline-flex shrink-0 after:text-stone-400 after:content-['·']"
              />
              <span className="truncate">{subtitle}</span>
            </p>
          ) : null}
        </div>
        {other ? <StartCallButton user={other} /> : null}
        {c.kind === "GROUP" ? <StartGroupCallButton conversationId={c.id} /> : null}
        <ToggleButton
          pressed={c.muted}
          onClick={() => prefs.mutate({ conversationId: c.id, muted: !c.muted })}
          icon={c.muted ? <BellOffIcon /> : <BellIcon />}
          label="Mute"
        />
        <ToggleButton
          pressed={c.pinned}
          onClick={() => prefs.mutate({ conversationId: c.id, pinned: !c.pinned })}
          icon={<PinIcon />}
          label="Pin"
        />
        <HeaderButton
          onClick={() => setSearching((open) => !open)}
          label="Search in this conversation"
          pressed={searching}
          icon={<SearchIcon />}
        />
        {c.kind === "GROUP" ? (
          <HeaderButton onClick={() => setShowInfo(true)} label="Group info" icon={<InfoIcon />} />
        ) : null}
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

function HeaderButton({
  onClick,
  label,
  icon,
  pressed,
}: {
  onClick: () => void;
  label: string;
  icon: ReactNode;
  pressed?: boolean;
}) {
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
  <svg
    width={16}
    height={16}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={2}
    strokeLinecap="round"
    aria-hidden
  >
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </svg>
);

const InfoIcon = () => (
  <svg
    width={18}
    height={18}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={2}
    strokeLinecap="round"
    aria-hidden
  >
    <circle cx="12" cy="12" r="10" />
    <path d="M12 16v-4" />
    <path d="M12 8h.01" />
  </svg>
);

function ToggleButton({
  pressed,
  onClick,
  icon,
  label,
}: {
  pressed: boolean;
  onClick: () => void;
  icon: ReactNode;
  label: string;
}) {
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
