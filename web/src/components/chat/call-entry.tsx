"use client";

import { callLabel } from "@/components/calls/call-label";
import { CallDirectionIcon, VideoIcon, VideoOffIcon } from "@/components/ui/icons";
import { timeOfDay } from "@/lib/dates";
import { useMyId } from "@/components/ui/use-my-id";
import type { Message } from "./types";

/** A call's line in a 1:1 conversation: a small centred card, not a bubble (nothing to reply to or react to). */
export function CallEntry({ message: m, highlighted }: { message: Message; highlighted: boolean }) {
  const meId = useMyId();
  const time = new Date(m.createdAt);
  const label = m.call ? callLabel(m.call, meId) : { text: m.body, outgoing: m.senderId === meId, missed: false };
  const connected = m.call?.status === "ended" || (m.call?.status === "failed" && m.call.durationSeconds > 0);
  return (
    <div
      id={`message-${m.id}`}
      data-highlighted={highlighted || undefined}
      className="my-3 flex justify-center rounded-xl transition-colors duration-700 data-highlighted:bg-amber-100"
    >
      <div className="inline-flex max-w-full items-center gap-3 rounded-2xl border border-stone-200 bg-white py-2 pr-4 pl-2.5 shadow-sm">
        <span
          className={`inline-flex size-9 shrink-0 items-center justify-center rounded-full ${label.missed ? "bg-red-50 text-red-600" : "bg-stone-100 text-stone-600"}`}
        >
          {connected ? <VideoIcon size={18} /> : <VideoOffIcon size={18} />}
        </span>
        <span className="min-w-0">
          <span className={`block text-sm font-medium ${label.missed ? "text-red-700" : "text-stone-800"}`}>
            {label.text}
          </span>
          <span className="flex items-center gap-1 text-xs text-stone-500">
            <CallDirectionIcon outgoing={label.outgoing} size={12} />
            <span className="sr-only">{label.outgoing ? "You called" : "They called"}, </span>
            <time dateTime={m.createdAt} title={time.toLocaleString()}>
              {timeOfDay(time)}
            </time>
          </span>
        </span>
      </div>
    </div>
  );
}
