"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { RoomView } from "@/server/services/rooms/rooms";
import { useTRPC } from "@/trpc/client";
import { useNow } from "@/components/ui/use-now";
import { Avatar } from "../ui/avatar";
import { CalendarIcon } from "../ui/icons";
import { Button } from "../ui/button";
import { Spinner } from "../ui/card";
import { useConfirm } from "../ui/dialog";
import { EmptyState } from "../ui/empty-state";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { E2eeBadge } from "./e2ee-switch";
import { meetingTimeText } from "./room-labels";
import { GroupCallsUnavailable, useGroupCallsAvailable } from "./group-calls-available";
import { roomHref } from "./rooms-provider";

/** Upcoming meetings the user owns, hosts or is invited to, soonest first, and the way to plan a new one. */
export function MeetingsList() {
  const trpc = useTRPC();
  const upcoming = useQuery(trpc.rooms.upcoming.queryOptions());
  const available = useGroupCallsAvailable();
  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Meetings</h1>
        {available ? (
          <Link
            href="/rooms/new"
            className="rounded-lg bg-ember-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-ember-700"
          >
            New meeting
          </Link>
        ) : null}
      </div>
      {available ? null : <GroupCallsUnavailable className="rounded-lg bg-stone-100 px-3 py-2" />}
      {upcoming.isPending ? (
        <Spinner label="Loading meetings" />
      ) : !upcoming.data ? (
        <FormAlert message={formErrors(upcoming.error).form} />
      ) : upcoming.data.length === 0 ? (
        <EmptyState icon={<CalendarIcon size={22} strokeWidth={2} />} title="No upcoming meetings">
          Plan one and invite your friends; it shows here for everyone invited.
        </EmptyState>
      ) : (
        <ul aria-label="Upcoming meetings" className="space-y-3">
          {upcoming.data.map((meeting) => (
            <MeetingRow key={meeting.id} meeting={meeting} />
          ))}
        </ul>
      )}
    </div>
  );
}

function MeetingRow({ meeting }: { meeting: RoomView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow();
  const cancel = useMutation(
    trpc.rooms.cancelMeeting.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.rooms.upcoming.queryKey() }),
    }),
  );
  const { confirm, confirmDialog } = useConfirm();
  const cancelMeeting = async () => {
    const confirmed = await confirm({
      title: `Cancel “${meeting.title}”?`,
      body: "Nobody will be able to join it.",
      confirmLabel: "Cancel meeting",
      cancelLabel: "Keep it",
      danger: true,
    });
    if (confirmed) cancel.mutate({ roomId: meeting.id });
  };
  const { access, owner } = meeting;
  const happening =
    !!meeting.startsAt &&
    !!meeting.endsAt &&
    new Date(meeting.startsAt).getTime() <= now &&
    now < new Date(meeting.endsAt).getTime();
  return (
    <li className="rounded-2xl border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex items-start gap-3">
        <Avatar name={owner.displayName} url={owner.avatarUrl} seed={owner.id} size={40} />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold text-stone-900">
            <Link href={roomHref(meeting.id)} className="hover:underline">
              {meeting.title}
            </Link>
          </h2>
          {meeting.startsAt && meeting.endsAt ? (
            <p className="text-sm text-stone-600">
              <time dateTime={meeting.startsAt}>{meetingTimeText(meeting.startsAt, meeting.endsAt)}</time>
            </p>
          ) : null}
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-stone-500">
            <span>{access.role === "owner" ? "Yours" : `By ${owner.displayName}`}</span>
            {access.role === "host" ? (
              <span className="rounded-full bg-ember-50 px-2 py-0.5 font-medium text-ember-800">Host</span>
            ) : null}
            {happening ? (
              <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-800">Happening now</span>
            ) : null}
            {meeting.e2ee ? <E2eeBadge /> : null}
          </p>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-2 sm:pl-[52px]">
        <Link
          href={roomHref(meeting.id)}
          className="rounded-lg bg-ember-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-ember-700"
        >
          {happening ? "Join" : "Open"}
        </Link>
        <a
          href={`/api/rooms/${encodeURIComponent(meeting.id)}/ics`}
          download
          className="rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100"
        >
          Add to calendar
        </a>
        {access.role === "owner" ? (
          <Button
            variant="danger"
            className="px-3 py-1.5"
            onClick={() => void cancelMeeting()}
            pending={cancel.isPending}
          >
            Cancel meeting
          </Button>
        ) : null}
      </div>
      {confirmDialog}
      {cancel.isError ? (
        <div className="mt-2">
          <FormAlert message={formErrors(cancel.error).form} />
        </div>
      ) : null}
    </li>
  );
}
