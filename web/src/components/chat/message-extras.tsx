"use client";

/* Files, images and reactions under a message's text. */
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { useChatCache } from "./chat-cache";
import { PaperclipIcon } from "@/components/ui/icons";
import { useMyId } from "@/components/ui/use-my-id";
import type { Message } from "./types";

const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢"];

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function MessageAttachments({ message, own }: { message: Message; own: boolean }) {
  if (!message.attachments.length) return null;
  return (
    <ul className="mt-1 space-y-1">
      {message.attachments.map((file) => (
        <li key={file.id}>
          {file.isImage ? (
            <a href={file.url} target="_blank" rel="noopener noreferrer" className="block">
              <img
                src={file.url}
                alt={file.name}
                loading="lazy"
                className="max-h-64 max-w-full rounded-lg bg-stone-100 object-contain"
              />
            </a>
          ) : (
            <a
              href={file.url}
              className={`flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm underline-offset-2 hover:underline ${own ? "bg-white/15 text-white" : "bg-stone-100 text-stone-800"}`}
            >
              <PaperclipIcon className="size-4 shrink-0" />
              <span className="min-w-0 truncate">{file.name}</span>
              <span className={`shrink-0 text-xs ${own ? "text-white/90" : "text-stone-500"}`}>
                {sizeLabel(file.size)}
              </span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

export function MessageReactions({ message, showPicker }: { message: Message; showPicker: boolean }) {
  const trpc = useTRPC();
  const myId = useMyId();
  const cache = useChatCache(myId);
  const react = useMutation(trpc.chat.react.mutationOptions({ onSuccess: (updated) => cache.messageUpdated(updated) }));
  if (message.deletedAt || (!message.reactions.length && !showPicker)) return null;
  const used = new Set(message.reactions.map((r) => r.emoji));
  return (
    <div className="mt-1 flex flex-wrap gap-1" aria-label="Reactions">
      {message.reactions.map((r) => {
        const mine = r.userIds.includes(myId);
        return (
          <button
            key={r.emoji}
            type="button"
            aria-pressed={mine}
            aria-label={`${r.emoji} ${r.userIds.length}${mine ? ", including you" : ""}`}
            onClick={() => react.mutate({ messageId: message.id, emoji: r.emoji })}
            className="rounded-full border border-stone-200 bg-white px-2 py-0.5 text-xs text-stone-700 aria-pressed:border-ember-500 aria-pressed:bg-ember-50"
          >
            {r.emoji} {r.userIds.length}
          </button>
        );
      })}
      {showPicker
        ? QUICK_REACTIONS.filter((e) => !used.has(e)).map((emoji) => (
            <button
              key={emoji}
              type="button"
              aria-label={`React with ${emoji}`}
              onClick={() => react.mutate({ messageId: message.id, emoji })}
              className="rounded-full border border-dashed border-stone-300 bg-white/70 px-2 py-0.5 text-xs opacity-70 hover:opacity-100"
            >
              {emoji}
            </button>
          ))
        : null}
    </div>
  );
}
