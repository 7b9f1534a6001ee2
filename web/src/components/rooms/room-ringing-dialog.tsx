"use client";

import { useEffect, useRef } from "react";
import { VideoIcon } from "@/components/ui/icons";
import { Ringtone } from "@/components/ui/ringtone";
import { Avatar } from "../ui/avatar";
import { ringingText, type RoomRingingEvent } from "./room-events";

/** Rings stop on their own after this long (as a 1:1 call becomes "missed" after 30 s). */
export const ROOM_RING_TIMEOUT_MS = 30_000;

/** "Ada started a group call in Book club": Join or Dismiss; it rings (a higher tone than 1:1 calls) for 30 s. */
export function RoomRingingDialog({
  event,
  onJoin,
  onDismiss,
}: {
  event: RoomRingingEvent;
  onJoin: () => void;
  onDismiss: () => void;
}) {
  const join = useRef<HTMLButtonElement>(null);
  const text = ringingText(event);
  useEffect(() => {
    const ringtone = new Ringtone([523, 659]);
    ringtone.start();
    join.current?.focus();
    const timeout = setTimeout(onDismiss, ROOM_RING_TIMEOUT_MS);
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onDismiss();
    document.addEventListener("keydown", onKey);
    return () => {
      ringtone.stop();
      clearTimeout(timeout);
      document.removeEventListener("keydown", onKey);
    };
  }, [onDismiss]);

  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-stone-950/50 p-3 sm:items-center">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={text}
        className="w-full max-w-sm rounded-3xl bg-white p-6 text-center shadow-2xl"
      >
        <div className="relative mx-auto w-fit">
          <span aria-hidden className="absolute inset-0 animate-ping rounded-full bg-ember-400/40" />
          <Avatar name={event.caller.displayName} url={event.caller.avatarUrl} seed={event.caller.id} size={80} />
        </div>
        <p className="mt-4 text-sm font-medium text-ember-700">{event.room.kind === "GROUP" ? "Group call" : "Call"}</p>
        <h2 className="mt-1 text-lg font-semibold text-balance text-stone-900">{text}</h2>
        <div className="mt-6 flex gap-3">
          <button
            type="button"
            onClick={onDismiss}
            className="flex-1 rounded-xl border border-stone-300 bg-white px-4 py-3 text-sm font-medium text-stone-800 hover:bg-stone-100"
          >
            Dismiss
          </button>
          <button
            ref={join}
            type="button"
            onClick={onJoin}
            className="inline-flex flex-1 items-center justify-center gap-2 rounded-xl bg-emerald-600 px-4 py-3 text-sm font-semibold text-white shadow-sm hover:bg-emerald-700 focus-visible:ring-4 focus-visible:ring-emerald-300 focus-visible:outline-none"
          >
            <VideoIcon size={18} />
            Join
          </button>
        </div>
      </div>
    </div>
  );
}
