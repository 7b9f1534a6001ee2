"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { overLimit } from "@/lib/text-limits";
import { useTRPC } from "@/trpc/client";
import { formErrors } from "../ui/form-errors";
import { CallEntry } from "./call-entry";
import { useChatCache } from "./chat-cache";
import { timeOfDay } from "@/lib/dates";
import { MessageAttachments, MessageReactions } from "./message-extras";
import { MessageText } from "./message-text";
import { useMyId } from "@/components/ui/use-my-id";
import type { Message } from "./types";

export interface MessageRowProps {
  message: Message;
  own: boolean;
  /** The sender's name above the bubble (first of a run in groups). */
  senderName: string | null;
  /** Name of the quoted message's sender. */
  replyName: string | null;
  firstInRun: boolean;
  /** Shown under the bubble ("Seen", "Seen by 2"). */
  receipt: string | null;
  /** Actions stay visible (after a long press on a touch screen). */
  active: boolean;
  /** Briefly marked (opened from a search result). */
  highlighted?: boolean;
  editing: boolean;
  onActivate: () => void;
  onReply: () => void;
  onEdit: () => void;
  onEditDone: () => void;
  onDelete: () => void;
  onJumpTo: (messageId: string) => void;
  /** Set while the message is on its way (or failed to go): it has no actions yet. */
  delivery?: Delivery;
}

export interface Delivery {
  status: "sending" | "failed";
  error: string | null;
  retryable: boolean;
  /** Names of the files going with it. */
  files: string[];
  onRetry: () => void;
  onDiscard: () => void;
}

export function MessageRow(props: MessageRowProps) {
  const {
    message: m,
    own,
    senderName,
    replyName,
    firstInRun,
    receipt,
    active,
    editing,
    highlighted = false,
    delivery,
  } = props;
  const pressTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const deleted = !!m.deletedAt;

  if (m.kind === "SYSTEM") {
    return (
      <p
        id={`message-${m.id}`}
        data-highlighted={highlighted || undefined}
        className="my-3 rounded-lg px-6 text-center text-xs text-stone-500 data-highlighted:bg-amber-100"
      >
        {m.body}
      </p>
    );
  }

  if (m.kind === "CALL") return <CallEntry message={m} highlighted={highlighted} />;

  const cancelPress = () => clearTimeout(pressTimer.current);
  const time = new Date(m.createdAt);
  const actions: { label: string; onClick: () => void; danger?: boolean }[] =
    deleted || delivery
      ? []
      : [
          { label: "Reply", onClick: props.onReply },
          { label: "React", onClick: props.onActivate },
          ...(own
            ? [
                { label: "Edit", onClick: props.onEdit },
                { label: "Delete", onClick: props.onDelete, danger: true },
              ]
            : []),
        ];

  return (
    <div
      id={`message-${m.id}`}
      data-highlighted={highlighted || undefined}
      data-delivery={delivery?.status}
      className={`group -mx-2 flex flex-col rounded-xl px-2 transition-colors duration-700 data-highlighted:bg-amber-100 ${own ? "items-end" : "items-start"} ${firstInRun ? "mt-3" : "mt-0.5"}`}
    >
      {senderName && firstInRun && !own ? (
        <span className="mb-0.5 px-3 text-xs font-medium text-stone-500">{senderName}</span>
      ) : null}
      <div className={`flex max-w-[88%] items-center gap-1 sm:max-w-[75%] ${own ? "flex-row-reverse" : ""}`}>
        <div
          onPointerDown={(e) => {
            if (e.pointerType !== "mouse" && actions.length && !editing)
              pressTimer.current = setTimeout(props.onActivate, 450);
          }}
          onPointerUp={cancelPress}
          onPointerLeave={cancelPress}
          onPointerCancel={cancelPress}
          className={`min-w-0 rounded-2xl px-3 py-2 [@media(hover:none)]:select-none ${
            deleted
              ? "border border-dashed border-stone-300 bg-transparent text-stone-500"
              : own
                ? "rounded-br-md bg-ember-600 text-white"
                : "rounded-bl-md border border-stone-200 bg-white text-stone-900"
          } ${editing ? "w-[min(32rem,80vw)]" : ""} ${active ? "ring-2 ring-ember-500/40" : ""} ${delivery?.status === "sending" ? "opacity-70" : ""} ${delivery?.status === "failed" ? "ring-2 ring-red-300" : ""}`}
        >
          {m.replyTo ? (
            <button
              type="button"
              onClick={() => props.onJumpTo(m.replyTo!.id)}
              className={`mb-1 block w-full max-w-full rounded-lg border-l-4 px-2 py-1 text-left text-xs ${own && !deleted ? "border-white/60 bg-white/15 text-white" : "border-stone-300 bg-stone-100 text-stone-600"}`}
            >
              <span className="block font-semibold">{replyName ?? "Someone"}</span>
              <span className="line-clamp-2 break-words">
                {m.replyTo.deleted ? <em>Message deleted</em> : m.replyTo.body}
              </span>
            </button>
          ) : null}
          <span className="sr-only">{own ? "You" : (senderName ?? "Someone")}: </span>
          {deleted ? (
            <p className="text-sm italic">This message was deleted</p>
          ) : editing ? (
            <EditForm message={m} onDone={props.onEditDone} />
          ) : (
            <>
              {m.body ? (
                <p className="text-[15px] leading-snug break-words whitespace-pre-wrap">
                  <MessageText text={m.body} />
                </p>
              ) : null}
              <MessageAttachments message={m} own={own} />
              {delivery?.files.length ? (
                <ul aria-label="Files" className="mt-1 flex flex-wrap gap-1">
                  {delivery.files.map((name) => (
                    <li key={name} className="max-w-40 truncate rounded-full bg-white/20 px-2 py-0.5 text-xs">
                      {name}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
          <p className={`mt-0.5 text-right text-[11px] ${own && !deleted ? "text-white/90" : "text-stone-400"}`}>
            {delivery?.status === "sending" ? (
              <span>Sending…</span>
            ) : (
              <time dateTime={m.createdAt} title={time.toLocaleString()}>
                {timeOfDay(time)}
              </time>
            )}
            {m.editedAt && !deleted ? <span> · edited</span> : null}
          </p>
        </div>
        {actions.length && !editing ? (
          <div
            role="group"
            aria-label="Message actions"
            className={`flex shrink-0 gap-0.5 transition-opacity ${active ? "opacity-100" : "pointer-events-none opacity-0 group-hover:pointer-events-auto group-hover:opacity-100 focus-within:pointer-events-auto focus-within:opacity-100"}`}
          >
            {actions.map((action) => (
              <ActionButton key={action.label} onClick={action.onClick} danger={action.danger}>
                {action.label}
              </ActionButton>
            ))}
          </div>
        ) : null}
      </div>
      {delivery ? null : <MessageReactions message={m} showPicker={active} />}
      {delivery?.status === "failed" ? <NotSent delivery={delivery} /> : null}
      {receipt ? <p className="mt-0.5 px-1 text-[11px] text-stone-500">{receipt}</p> : null}
    </div>
  );
}

/** Under a message that did not go: why (when the server said), and what can be done. */
function NotSent({ delivery }: { delivery: Delivery }) {
  return (
    <p role="alert" className="mt-0.5 flex flex-wrap items-center justify-end gap-x-1 px-1 text-xs text-red-700">
      <span className="font-medium">Not sent{delivery.error ? `: ${delivery.error}` : ""}</span>
      {delivery.retryable ? (
        <>
          <span aria-hidden>·</span>
          <button
            type="button"
            onClick={delivery.onRetry}
            className="rounded px-1 font-semibold underline hover:bg-red-50"
          >
            Retry
          </button>
        </>
      ) : null}
      <span aria-hidden>·</span>
      <button
        type="button"
        onClick={delivery.onDiscard}
        className="rounded px-1 font-semibold underline hover:bg-red-50"
      >
        Delete
      </button>
    </p>
  );
}

function ActionButton({ children, onClick, danger }: { children: ReactNode; onClick: () => void; danger?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className={`rounded-md px-1.5 py-1 text-xs font-medium hover:bg-stone-200 ${danger ? "text-red-700" : "text-stone-600"} bg-stone-100/80`}
    >
      {children}
    </button>
  );
}

function EditForm({ message, onDone }: { message: Message; onDone: () => void }) {
  const trpc = useTRPC();
  const cache = useChatCache(useMyId());
  const [text, setText] = useState(message.body);
  const edit = useMutation(
    trpc.chat.edit.mutationOptions({
      onSuccess: (updated) => {
        cache.messageUpdated(updated);
        onDone();
      },
    }),
  );
  const errors = formErrors(edit.error);
  const tooLong = overLimit("message", text.length);
  const error = tooLong ?? errors.fields.body ?? errors.form;
  const save = () => {
    if (text.trim() === message.body.trim()) return onDone();
    if (tooLong) return;
    edit.mutate({ messageId: message.id, body: text });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Escape") onDone();
    else if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      save();
    }
  };
  return (
    <div className="space-y-1.5">
      <label className="sr-only" htmlFor={`edit-${message.id}`}>
        Edit message
      </label>
      <textarea
        id={`edit-${message.id}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
        rows={Math.min(6, Math.max(2, text.split("\n").length))}
        disabled={edit.isPending}
        aria-invalid={!!error}
        className="block w-full resize-none rounded-lg border border-white/40 bg-white px-2 py-1.5 text-[15px] text-stone-900 focus:ring-2 focus:ring-white/60 focus:outline-none"
      />
      {error ? (
        <p role="alert" className="rounded bg-white px-2 py-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-1.5">
        <button type="button" onClick={onDone} className="rounded-md px-2 py-1 text-xs font-medium hover:bg-white/20">
          Cancel
        </button>
        <button
          type="button"
          onClick={save}
          disabled={edit.isPending}
          className="rounded-md bg-white px-2 py-1 text-xs font-semibold text-ember-700 hover:bg-ember-50 disabled:opacity-60"
        >
          {edit.isPending ? "Saving…" : "Save"}
        </button>
      </div>
    </div>
  );
}
