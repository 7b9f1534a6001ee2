"use client";

import { useEffect, useRef } from "react";
import type { CallParty } from "@/server/services/realtime/events";
import { VideoIcon } from "@/components/ui/icons";
import { Avatar } from "../ui/avatar";
import { PhoneOffIcon } from "@/components/ui/icons";
import { Ringtone } from "@/components/ui/ringtone";

/** "Ada is calling": rings (WebAudio) until answered, declined, or the call goes away (then this unmounts). */
export function IncomingCallDialog({
  caller,
  answering,
  onAccept,
  onDecline,
}: {
  caller: CallParty;
  answering: boolean;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const accept = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const ringtone = new Ringtone();
    ringtone.start();
    accept.current?.focus();
    return () => ringtone.stop();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && !answering && onDecline();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [answering, onDecline]);

  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-stone-950/50 p-3 sm:items-center">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={`Incoming call from ${caller.displayName}`}
        className="w-full max-w-sm rounded-3xl bg-white p-6 text-center shadow-2xl"
      >
        <div className="relative mx-auto w-fit">
          <span aria-hidden className="absolute inset-0 animate-ping rounded-full bg-ember-400/40" />
          <Avatar name={caller.displayName} url={caller.avatarUrl} seed={caller.id} size={88} />
        </div>
        <p className="mt-4 text-sm font-medium text-ember-700">Incoming video call</p>
        <h2 className="mt-1 truncate text-xl font-semibold text-stone-900">{caller.displayName}</h2>
        <p className="text-sm text-stone-500">@{caller.username}</p>
        <div className="mt-6 flex justify-center gap-10">
          <RoundAction label="Decline" onClick={onDecline} disabled={answering} className="bg-red-600 hover:bg-red-700">
            <PhoneOffIcon />
          </RoundAction>
          <RoundAction
            ref={accept}
            label={answering ? "Connecting…" : "Accept"}
            onClick={onAccept}
            disabled={answering}
            className="bg-emerald-600 hover:bg-emerald-700"
          >
            {answering ? (
              <span
                aria-hidden
                className="size-5 animate-spin rounded-full border-2 border-current border-t-transparent"
              />
            ) : (
              <VideoIcon size={22} />
            )}
          </RoundAction>
        </div>
      </div>
    </div>
  );
}

function RoundAction({
  label,
  onClick,
  disabled,
  className,
  children,
  ref,
}: {
  label: string;
  onClick: () => void;
  disabled: boolean;
  className: string;
  children: React.ReactNode;
  ref?: React.Ref<HTMLButtonElement>;
}) {
  return (
    <div className="flex flex-col items-center gap-1.5">
      <button
        ref={ref}
        type="button"
        onClick={onClick}
        disabled={disabled}
        aria-label={label}
        className={`inline-flex size-16 items-center justify-center rounded-full text-white shadow-md transition-colors focus-visible:ring-4 focus-visible:ring-ember-300 focus-visible:outline-none disabled:opacity-60 ${className}`}
      >
        {children}
      </button>
      <span aria-hidden className="text-sm font-medium text-stone-700">
        {label}
      </span>
    </div>
  );
}
