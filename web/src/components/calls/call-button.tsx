"use client";

import type { CallParty } from "@/server/services/realtime/events";
import { VideoIcon } from "@/components/ui/icons";
import { Button } from "../ui/button";
import { useCalls } from "./call-provider";

/** Starts a video call with someone: an icon for a thread header, or a labelled button for a profile. */
export function StartCallButton({ user, variant = "icon" }: { user: CallParty; variant?: "icon" | "button" }) {
  const { startCall, busy } = useCalls();
  if (variant === "button") {
    return (
      <Button variant="secondary" onClick={() => startCall(user)} disabled={busy} aria-label="Start video call">
        <VideoIcon />
        Video call
      </Button>
    );
  }
  return (
    <button
      type="button"
      onClick={() => startCall(user)}
      disabled={busy}
      title="Start video call"
      className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-100 hover:text-ember-700 disabled:opacity-50"
    >
      <VideoIcon size={18} />
      <span className="sr-only">Start video call</span>
    </button>
  );
}
