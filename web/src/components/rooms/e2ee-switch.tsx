"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RoomView } from "@/server/services/rooms/rooms";
import { useTRPC } from "@/trpc/client";
import { formErrors } from "../ui/form-errors";

/**
 * Hosts switch Jitsi's end-to-end encryption for the room (a Hearth setting; in a meeting the page also switches it
 * in Jitsi through `onChanged`). Recording is unavailable while it is on, and the switch says so.
 */
export function E2eeSwitch({
  room,
  onChanged,
  tone = "light",
}: {
  room: RoomView;
  onChanged?: (on: boolean) => void;
  tone?: "light" | "dark";
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setE2ee = useMutation(
    trpc.rooms.setE2ee.mutationOptions({
      onSuccess: (view) => {
        queryClient.setQueryData(trpc.rooms.get.queryKey({ roomId: view.id }), view);
        onChanged?.(view.e2ee);
      },
    }),
  );
  const on = setE2ee.isPending ? !room.e2ee : room.e2ee;
  const dark = tone === "dark";
  return (
    <div className="flex flex-col gap-1">
      <label
        className={`inline-flex cursor-pointer items-center gap-2 text-sm font-medium ${dark ? "text-stone-100" : "text-stone-800"}`}
      >
        <input
          type="checkbox"
          role="switch"
          checked={on}
          disabled={setE2ee.isPending}
          onChange={(e) => setE2ee.mutate({ roomId: room.id, on: e.target.checked })}
          className="peer sr-only"
        />
        <span
          aria-hidden
          className={`relative h-5 w-9 shrink-0 rounded-full transition-colors peer-focus-visible:ring-4 peer-focus-visible:ring-ember-400/50 ${on ? "bg-emerald-600" : dark ? "bg-white/25" : "bg-stone-300"} after:absolute after:top-0.5 after:left-0.5 after:size-4 after:rounded-full after:bg-white after:shadow after:transition-transform ${on ? "after:translate-x-4" : ""}`}
        />
        End-to-end encryption
      </label>
      {setE2ee.isError ? (
        <p role="alert" className="text-xs text-red-600">
          {formErrors(setE2ee.error).form}
        </p>
      ) : null}
    </div>
  );
}

/** A small "End-to-end encrypted" badge. */
export function E2eeBadge({ tone = "light" }: { tone?: "light" | "dark" }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium ${tone === "dark" ? "bg-emerald-500/20 text-emerald-200" : "bg-emerald-50 text-emerald-800"}`}
    >
      <LockIcon />
      End-to-end encrypted
    </span>
  );
}

const LockIcon = () => (
  <svg
    viewBox="0 0 24 24"
    width={12}
    height={12}
    fill="none"
    stroke="currentColor"
    strokeWidth={2.5}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden
  >
    <rect x="4" y="11" width="16" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </svg>
);
