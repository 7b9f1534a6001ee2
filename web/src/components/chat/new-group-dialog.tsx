"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Spinner } from "../ui/card";
import { Dialog, DialogFooter } from "../ui/dialog";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { FriendPicker, usePickedIds } from "@/components/friends/friend-picker";

/** A modal form: a name and some friends. On success, opens the new group. */
export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const friends = useQuery(trpc.friends.list.queryOptions());
  const [name, setName] = useState("");
  const { picked, toggle } = usePickedIds();
  const create = useMutation(
    trpc.chat.createGroup.mutationOptions({
      onSuccess: async ({ conversationId }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.chat.conversations.queryKey() });
        // The list (and this dialog in it) stays on screen beside the thread from lg, so the dialog closes itself.
        onClose();
        router.push(`/messages/${conversationId}`);
      },
    }),
  );
  const errors = formErrors(create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, memberIds: [...picked] });
  };

  return (
    <Dialog title="New group" onClose={onClose}>
      <form onSubmit={submit} className="flex min-h-0 flex-1 flex-col">
        <div className="space-y-4 px-5 pb-3">
          <FormAlert message={errors.form} />
          <TextField
            label="Group name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            autoFocus
            error={errors.fields.name}
          />
        </div>
        <fieldset
          className="min-h-0 flex-1 overflow-y-auto px-5"
          aria-describedby={errors.fields.memberIds ? "group-members-error" : undefined}
        >
          <legend className="mb-1 text-sm font-medium text-stone-700">
            Friends to add{picked.size ? ` (${picked.size})` : ""}
          </legend>
          {errors.fields.memberIds ? (
            <p id="group-members-error" className="mb-1 text-sm text-red-600">
              {errors.fields.memberIds}
            </p>
          ) : null}
          {friends.isPending ? (
            <Spinner label="Loading friends" />
          ) : !friends.data?.friends.length ? (
            <p className="py-3 text-sm text-stone-500">You can add only friends to a group, and you have none yet.</p>
          ) : (
            <FriendPicker friends={friends.data.friends} picked={picked} onToggle={toggle} />
          )}
        </fieldset>
        <DialogFooter>
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending}>
            Create group
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
