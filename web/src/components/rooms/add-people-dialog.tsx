"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent } from "react";
import type { RoomView } from "@/server/services/rooms/rooms";
import { useTRPC } from "@/trpc/client";
import { FriendPicker, usePickedIds } from "@/components/friends/friend-picker";
import { Button } from "../ui/button";
import { Spinner } from "../ui/card";
import { Dialog, DialogFooter } from "../ui/dialog";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";

/**
 * "Add people" in a 1:1 call: pick friends; the server makes a room for the three or more of you, rings the friends
 * and tells both parties' tabs to move (room.moved). `onMoved` moves this tab at once, in case that event is late.
 */
export function AddPeopleDialog({
  callId,
  otherPartyId,
  onClose,
  onMoved,
}: {
  callId: string;
  otherPartyId: string;
  onClose: () => void;
  onMoved: (room: RoomView) => void;
}) {
  const trpc = useTRPC();
  const friends = useQuery(trpc.friends.list.queryOptions());
  const { picked, toggle } = usePickedIds();
  const add = useMutation(trpc.rooms.addPeopleToCall.mutationOptions({ onSuccess: ({ room }) => onMoved(room) }));
  const errors = formErrors(add.error);
  const choices = friends.data?.friends.filter((f) => f.id !== otherPartyId) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ callId, userIds: [...picked] });
  };

  return (
    <Dialog
      title="Add people to this call"
      description="You will both move to a group call, and the friends you pick will be rung."
      onClose={onClose}
    >
      <form onSubmit={submit} className="flex min-h-0 flex-1 flex-col">
        {errors.form ? (
          <div className="px-5 pb-3">
            <FormAlert message={errors.form} />
          </div>
        ) : null}
        <fieldset
          className="min-h-0 flex-1 overflow-y-auto px-5"
          aria-describedby={errors.fields.userIds ? "add-people-error" : undefined}
        >
          <legend className="mb-1 text-sm font-medium text-stone-700">
            Friends{picked.size ? ` (${picked.size})` : ""}
          </legend>
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
        <DialogFooter>
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={add.isPending || add.isSuccess} disabled={picked.size === 0}>
            Add and move to group call
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
