"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, type FormEvent } from "react";
import type { RoomView } from "@/server/services/rooms/rooms";
import { useTRPC } from "@/trpc/client";
import { FriendPicker, usePickedIds } from "@/components/friends/friend-picker";
import { Button } from "../ui/button";
import { Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";

/**
 * "Add people" in a 1:1 call: pick friends; the server makes a room for the three or more of you, rings the friends
 * and tells both parties' tabs to move (room.moved). `onMoved` moves this tab at once, in case that event is late.
 */
export function AddPeopleDialog({ callId, otherPartyId, onClose, onMoved }: { callId: string; otherPartyId: string; onClose: () => void; onMoved: (room: RoomView) => void }) {
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const friends = useQuery(trpc.friends.list.queryOptions());
  const { picked, toggle } = usePickedIds();
  const add = useMutation(trpc.rooms.addPeopleToCall.mutationOptions({ onSuccess: ({ room }) => onMoved(room) }));
  const errors = formErrors(add.error);
  const choices = friends.data?.friends.filter((f) => f.id !== otherPartyId) ?? [];

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ callId, userIds: [...picked] });
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="add-people-title"
      onClose={onClose}
      onClick={(e) => e.target === e.currentTarget && dialog.current?.close()}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-950/60"
    >
      <form onSubmit={submit} className="flex max-h-[85dvh] flex-col">
        <div className="space-y-2 p-5 pb-3">
          <h2 id="add-people-title" className="text-lg font-semibold">
            Add people to this call
          </h2>
          <p className="text-sm text-stone-500">You will both move to a group call, and the friends you pick will be rung.</p>
          <FormAlert message={errors.form} />
        </div>
        <fieldset className="min-h-0 flex-1 overflow-y-auto px-5" aria-describedby={errors.fields.userIds ? "add-people-error" : undefined}>
          <legend className="mb-1 text-sm font-medium text-stone-700">Friends{picked.size ? ` (${picked.size})` : ""}</legend>
          {errors.fields.userIds ? (
            <p id="add-people-error" className="mb-1 text-sm text-red-600">
              {errors.fields.userIds}
            </p>
          ) : null}
          {friends.isPending ? (
            <Spinner label="Loading friends" />
          ) : choices.length === 0 ? (
            <p className="py-3 text-sm text-stone-500">You have no other friends to add.</p>
          ) : (
            <FriendPicker friends={choices} picked={picked} onToggle={toggle} compact />
          )}
        </fieldset>
        <div className="flex justify-end gap-2 border-t border-stone-100 p-4">
          <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" pending={add.isPending || add.isSuccess} disabled={picked.size === 0}>
            Add and move to group call
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/** A person with a plus, for the call's "Add people" button. */
export const AddPersonIcon = ({ size = 22 }: { size?: number }) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden width={size} height={size}>
    <circle cx="9" cy="8" r="4" />
    <path d="M2 21v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1M19 8v6M16 11h6" />
  </svg>
);
