"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { formErrors } from "../ui/form-errors";

/** Every friend/block mutation, each refreshing what it changes (friends, requests, profiles, search). */
export function useFriendActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.friends.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.profile.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.search.pathKey() }),
      // Presence is shared between friends only: a new or ended friendship changes whose is shown.
      queryClient.invalidateQueries({ queryKey: trpc.presence.pathKey() }),
    ]);
  const actions = {
    send: useMutation(trpc.friends.sendRequest.mutationOptions({ onSuccess })),
    cancel: useMutation(trpc.friends.cancelRequest.mutationOptions({ onSuccess })),
    accept: useMutation(trpc.friends.acceptRequest.mutationOptions({ onSuccess })),
    decline: useMutation(trpc.friends.declineRequest.mutationOptions({ onSuccess })),
    unfriend: useMutation(trpc.friends.unfriend.mutationOptions({ onSuccess })),
    block: useMutation(trpc.friends.block.mutationOptions({ onSuccess })),
    unblock: useMutation(trpc.friends.unblock.mutationOptions({ onSuccess })),
  };
  const failed = Object.values(actions).find((m) => m.isError);
  return { ...actions, error: failed ? formErrors(failed.error).form : null };
}

/** A failed friend action's message, beside the button that failed. */
export function ActionError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <span role="alert" className="basis-full text-right text-xs text-red-600">
      {message}
    </span>
  );
}
