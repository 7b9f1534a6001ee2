"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/trpc/client";
import { VideoIcon } from "@/components/ui/icons";
import { Button } from "../ui/button";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { GroupCallsUnavailable, useGroupCallsAvailable } from "./group-calls-available";
import { roomHref } from "./rooms-provider";

/**
 * The personal room on a profile: "Join Ada's room" for visitors, "Your room" for its owner. The room is made on
 * first use (rooms.forProfile); whether a visitor walks in or waits in the lobby is the owner's setting.
 */
export function ProfileRoomCard({
  userId,
  displayName,
  isSelf,
}: {
  userId: string;
  displayName: string;
  isSelf: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const open = useMutation(
    trpc.rooms.forProfile.mutationOptions({ onSuccess: (room) => router.push(roomHref(room.id)) }),
  );
  const available = useGroupCallsAvailable();
  const firstName = displayName.split(/\s+/)[0] ?? displayName;
  return (
    <section
      aria-label="Room"
      className="mt-5 flex flex-col gap-3 rounded-xl border border-stone-200 bg-stone-50 p-4 sm:flex-row sm:items-center"
    >
      <span
        aria-hidden
        className="inline-flex size-10 shrink-0 items-center justify-center self-center rounded-full bg-ember-100 text-ember-700 sm:self-auto"
      >
        <VideoIcon size={20} />
      </span>
      <div className="min-w-0 flex-1 text-center sm:text-left">
        <h2 className="font-medium text-stone-900">{isSelf ? "Your room" : `${firstName}'s room`}</h2>
        <p className="text-sm text-stone-500">
          {isSelf
            ? "A video room on your profile. Visitors you have not let in directly knock, and you admit them."
            : `A video room on ${firstName}'s profile.`}
        </p>
        {available ? null : <GroupCallsUnavailable className="mt-1 font-medium" />}
      </div>
      <Button
        variant={isSelf ? "secondary" : "primary"}
        onClick={() => open.mutate({ userId })}
        pending={open.isPending || open.isSuccess}
        disabled={!available}
      >
        {isSelf ? "Open your room" : `Join ${firstName}'s room`}
      </Button>
      {open.isError ? (
        <div className="sm:basis-full">
          <FormAlert message={formErrors(open.error).form} />
        </div>
      ) : null}
    </section>
  );
}
