"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/trpc/client";
import type { CallParty } from "@/server/services/realtime/events";
import { MessageIcon, VideoIcon } from "@/components/ui/icons";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useCalls } from "./call-provider";

const compactButton =
  "inline-flex h-9 min-w-9 shrink-0 items-center justify-center gap-1.5 rounded-lg border border-stone-300 bg-white px-2 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-50 sm:px-3";

/** Opens (or starts) the 1:1 conversation with someone. On phones only the icon shows; its name says who. */
export function MessageButton({ user, iconOnly = false }: { user: CallParty; iconOnly?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const open = useMutation(
    trpc.chat.openDirect.mutationOptions({
      onSuccess: ({ conversationId }) => router.push(`/messages/${conversationId}`),
    }),
  );
  return (
    <>
      <button
        type="button"
        onClick={() => open.mutate({ userId: user.id })}
        disabled={open.isPending}
        aria-label={`Message ${user.displayName}`}
        className={compactButton}
      >
        <MessageIcon size={16} />
        <span aria-hidden className={iconOnly ? "hidden" : "hidden sm:inline"}>
          Message
        </span>
      </button>
      {open.isError ? <FormAlert message={formErrors(open.error).form} /> : null}
    </>
  );
}

/** Starts a video call with someone in one step; `label` is what it says ("Call", "Call back"). */
export function CallButton({
  user,
  label = "Call",
  iconOnly = false,
}: {
  user: CallParty;
  label?: string;
  iconOnly?: boolean;
}) {
  const { startCall, busy } = useCalls();
  return (
    <button
      type="button"
      onClick={() => startCall(user)}
      disabled={busy}
      aria-label={`${label} ${user.displayName}`}
      className={compactButton}
    >
      <VideoIcon size={16} />
      <span aria-hidden className={iconOnly ? "hidden" : "hidden sm:inline"}>
        {label}
      </span>
    </button>
  );
}

/** Message and Call, side by side, for a friend in a list (`iconOnly` in a narrow column). */
export function ContactButtons({ user, iconOnly = false }: { user: CallParty; iconOnly?: boolean }) {
  return (
    <>
      <MessageButton user={user} iconOnly={iconOnly} />
      <CallButton user={user} iconOnly={iconOnly} />
    </>
  );
}
