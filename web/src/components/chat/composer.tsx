"use client";

import { useCallback, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { overLimit } from "@/lib/text-limits";
import { refusedUploads } from "@/lib/refused-uploads";
import { formErrors } from "../ui/form-errors";
import { PaperclipIcon } from "@/components/ui/icons";
import { usePendingSends, type PendingSend } from "./pending-sends";
import { useTypingNotifier } from "./typing";
import { MESSAGE_MAX_CHARS, type Message } from "./types";
import { ATTACHMENT_ACCEPT, useAttachmentUploads } from "./use-attachment-uploads";

const COUNTER_FROM = MESSAGE_MAX_CHARS - 500;

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({
  conversationId,
  replyTo,
  replyName,
  onCancelReply,
  onSent,
}: {
  conversationId: string;
  replyTo: Message | null;
  replyName: string | null;
  onCancelReply: () => void;
  onSent: () => void;
}) {
  const [text, setText] = useState("");
  const typing = useTypingNotifier(conversationId);
  const input = useRef<HTMLTextAreaElement>(null);
  const filePicker = useRef<HTMLInputElement>(null);
  const uploads = useAttachmentUploads(conversationId);
  const [refusal, setRefusal] = useState<unknown>(null);
  const { restore } = uploads;
  // Refused by the server (not a network failure): the message comes back here to fix, ahead of anything typed since,
  // without the files the server refused (and deleted).
  const onRefused = useCallback(
    (sent: PendingSend, error: unknown) => {
      const refused = refusedUploads(formErrors(error).fields).map((r) => r.attachmentId);
      setRefusal(error);
      setText((typed) => (typed.trim() ? `${sent.body}\n${typed}` : sent.body));
      restore(sent.files.filter((f) => !refused.includes(f.attachmentId)));
    },
    [restore],
  );
  const sends = usePendingSends(conversationId, onRefused);
  const errors = formErrors(refusal);
  // Too long is said, never cut: a paste over the limit stays whole for the writer to shorten or split.
  const tooLong = overLimit("message", text.length);
  const error =
    tooLong ??
    errors.fields.body ??
    errors.fields.replyToId ??
    refusedUploads(errors.fields)[0]?.message ??
    errors.form ??
    uploads.error;
  const empty = text.trim().length === 0 && uploads.readyIds.length === 0;

  // Grows with its text up to about six lines.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (empty || tooLong || uploads.uploading) return;
    // The message shows in the thread at once as sending; the box empties and stays live, so whatever is typed
    // while this one is on its way is kept.
    sends.send({ body: text, replyTo, files: uploads.ready });
    setText("");
    setRefusal(null);
    uploads.clear();
    onCancelReply();
    onSent();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape" && replyTo) {
      onCancelReply();
    }
  };

  return (
    <form
      onSubmit={submit}
      className="border-t border-stone-200 bg-white px-3 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] sm:px-4 sm:pb-3"
    >
      {replyTo ? (
        <div className="mb-2 flex items-start gap-2 rounded-lg border-l-4 border-ember-500 bg-stone-100 px-2 py-1.5 text-xs">
          <div className="min-w-0 flex-1">
            <p className="font-semibold text-stone-700">Replying to {replyName ?? "Someone"}</p>
            <p className="truncate text-stone-600">{replyTo.body}</p>
          </div>
          <button
            type="button"
            onClick={onCancelReply}
            aria-label="Cancel reply"
            className="rounded px-1.5 text-base leading-none text-stone-500 hover:bg-stone-200"
          >
            ×
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mb-2 rounded-lg border border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {uploads.files.length ? (
        <ul className="mb-2 flex flex-wrap gap-2" aria-label="Files to send">
          {uploads.files.map((f) => (
            <li
              key={f.key}
              className={`flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${f.status === "failed" ? "border-red-300 text-red-700" : "border-stone-300 text-stone-700"}`}
            >
              <span className="max-w-40 truncate">{f.name}</span>
              <span className="text-stone-500">
                {f.status === "uploading" ? "uploading…" : f.status === "failed" ? "failed" : ""}
              </span>
              <button
                type="button"
                onClick={() => uploads.remove(f.key)}
                aria-label={`Remove ${f.name}`}
                className="rounded px-1 text-stone-500 hover:bg-stone-200"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-end gap-2">
        <input
          ref={filePicker}
          type="file"
          multiple
          accept={ATTACHMENT_ACCEPT}
          className="sr-only"
          aria-label="Attach files"
          data-testid="attachment-input"
          onChange={(e) => {
            void uploads.add(e.target.files);
            e.target.value = "";
          }}
        />
        <button
          type="button"
          onClick={() => filePicker.current?.click()}
          aria-label="Attach a file or photo"
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-full text-lg text-stone-500 hover:bg-stone-100"
        >
          <PaperclipIcon />
        </button>
        <label htmlFor={`composer-${conversationId}`} className="sr-only">
          Message
        </label>
        <textarea
          ref={input}
          id={`composer-${conversationId}`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) typing();
          }}
          onKeyDown={onKeyDown}
          placeholder="Write a message…"
          rows={1}
          enterKeyHint="send"
          aria-invalid={!!error}
          aria-describedby={text.length >= COUNTER_FROM ? `composer-count-${conversationId}` : undefined}
          className="block max-h-40 min-h-10 w-full flex-1 resize-none rounded-2xl border border-stone-300 bg-stone-50 px-4 py-2 text-base text-stone-900 placeholder:text-stone-400 focus:border-ember-500 focus:bg-white focus:ring-2 focus:ring-ember-500/30 focus:outline-none disabled:opacity-60 sm:text-[15px]"
        />
        <button
          type="submit"
          disabled={empty || !!tooLong || uploads.uploading}
          className="inline-flex h-10 shrink-0 items-center justify-center rounded-full bg-ember-600 px-4 text-sm font-semibold text-white shadow-sm hover:bg-ember-700 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Send
        </button>
      </div>
      {text.length >= COUNTER_FROM ? (
        <p
          id={`composer-count-${conversationId}`}
          aria-live="polite"
          className={`mt-1 text-right text-xs ${text.length > MESSAGE_MAX_CHARS ? "font-semibold text-red-700" : "text-stone-500"}`}
        >
          {text.length} / {MESSAGE_MAX_CHARS}
        </p>
      ) : null}
    </form>
  );
}
