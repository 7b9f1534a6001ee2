"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { GROUP_CALLS_NEED_JITSI } from "@/lib/group-calls";
import { useTRPC } from "@/trpc/client";
import { VideoIcon } from "@/components/ui/icons";
import { formErrors } from "../ui/form-errors";
import { useGroupCallsAvailable } from "./group-calls-available";
import { peopleText } from "./room-labels";
import { roomHref, useLiveRoom, useRoomEvents } from "./rooms-provider";

/**
 * The group thread header's "Start group call": rings the members who can take it, and goes into the room. Without
 * Jitsi it stays in its place, unavailable, and says why.
 */
export function StartGroupCallButton({ conversationId }: { conversationId: string }) {
  return useGroupCallsAvailable() ? <StartButton conversationId={conversationId} /> : <UnavailableButton />;
}

function UnavailableButton() {
  return (
    <button
      type="button"
      aria-disabled="true"
      title={GROUP_CALLS_NEED_JITSI}
      className="inline-flex size-9 shrink-0 cursor-not-allowed items-center justify-center rounded-lg text-stone-400"
    >
      <VideoIcon size={18} />
      <span className="sr-only">Start group call: {GROUP_CALLS_NEED_JITSI}</span>
    </button>
  );
}

function StartButton({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const start = useMutation(
    trpc.rooms.startGroupCall.mutationOptions({
      onSuccess: ({ room }) => router.push(roomHref(room.id, { join: true })),
    }),
  );
  const problem = start.isError ? formErrors(start.error).form : null;
  return (
    <>
      <button
        type="button"
        onClick={() => start.mutate({ conversationId })}
        disabled={start.isPending || start.isSuccess}
        title={problem ?? "Start group call"}
        className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-100 hover:text-ember-700 disabled:opacity-50"
      >
        {start.isPending ? (
          <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
        ) : (
          <VideoIcon size={18} />
        )}
        <span className="sr-only">Start group call</span>
      </button>
      {problem ? (
        <p role="alert" className="sr-only">
          {problem}
        </p>
      ) : null}
    </>
  );
}

/**
 * "Group call in progress · 3 people · Join" under the group thread's header, while Jitsi's webhook says the room is
 * live. The state on opening comes from rooms.groupCallState and is folded into the same store the live events
 * update, so a later event (the call ending) wins over it.
 */
export function LiveCallBanner({ conversationId }: { conversationId: string }) {
  // Without Jitsi no room is ever live.
  return useGroupCallsAvailable() ? <LiveBanner conversationId={conversationId} /> : null;
}

function LiveBanner({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const store = useRoomEvents();
  const initial = useQuery(trpc.rooms.groupCallState.queryOptions({ conversationId }));
  useEffect(() => {
    const state = initial.data;
    if (state?.roomId && state.live)
      store.handle({
        type: "room.live",
        roomId: state.roomId,
        conversationId,
        live: true,
        participantIds: state.participantIds,
      });
  }, [initial.data, conversationId, store]);
  const live = useLiveRoom(conversationId);
  const router = useRouter();
  if (!live) return null;
  return (
    <div
      role="status"
      className="flex items-center gap-3 border-b border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 sm:px-4"
    >
      <span aria-hidden className="size-2 shrink-0 animate-pulse rounded-full bg-emerald-600" />
      <p className="min-w-0 flex-1 truncate">
        <span className="font-semibold">Group call in progress</span>
        {live.participantIds.length
          ? ` · ${live.participantIds.length === 1 ? "1 person" : peopleText(live.participantIds.length)}`
          : null}
      </p>
      <button
        type="button"
        onClick={() => router.push(roomHref(live.roomId, { join: true }))}
        className="shrink-0 rounded-full bg-emerald-600 px-4 py-1 text-sm font-semibold text-white shadow-sm hover:bg-emerald-700"
      >
        Join
      </button>
    </div>
  );
}
