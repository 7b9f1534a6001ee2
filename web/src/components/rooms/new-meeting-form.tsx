"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { FriendPicker, usePickedIds } from "@/components/friends/friend-picker";
import { toDateTimeInput } from "../settings/call-settings-time";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, TextAreaField, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { roomHref } from "./rooms-provider";

/** The next full hour, and an hour after it: the form's starting times. */
function defaultTimes(now = new Date()) {
  const start = new Date(now);
  start.setHours(start.getHours() + 1, 0, 0, 0);
  return { start: toDateTimeInput(start), end: toDateTimeInput(new Date(start.getTime() + 3600_000)) };
}

/** A datetime-local value (the device's time zone) as an ISO instant, or null when blank or impossible. */
const toInstant = (value: string) => {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
};

/** Plan a meeting: title, description, start and end, friends to invite, and which of them host. */
export function NewMeetingForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const friends = useQuery(trpc.friends.list.queryOptions());
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [times, setTimes] = useState(defaultTimes);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const invitees = usePickedIds();
  const hosts = usePickedIds();
  const create = useMutation(
    trpc.rooms.createMeeting.mutationOptions({
      // Straight to the new meeting's page (to copy its link, check the time, or start early).
      onSuccess: async (room) => {
        await queryClient.invalidateQueries({ queryKey: trpc.rooms.upcoming.queryKey() });
        router.push(roomHref(room.id));
      },
    }),
  );
  const server = formErrors(create.error);
  const errors = { ...server.fields, ...localErrors };
  const invited = friends.data?.friends.filter((f) => invitees.picked.has(f.id)) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const startsAt = toInstant(times.start);
    const endsAt = toInstant(times.end);
    const problems: Record<string, string> = {};
    if (!startsAt) problems.startsAt = "Choose when it starts.";
    if (!endsAt) problems.endsAt = "Choose when it ends.";
    setLocalErrors(problems);
    if (!startsAt || !endsAt) return;
    create.mutate({
      title,
      description,
      startsAt,
      endsAt,
      inviteeIds: [...invitees.picked],
      hostIds: [...hosts.picked].filter((id) => invitees.picked.has(id)),
    });
  };

  return (
    <Card className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold tracking-tight">New meeting</h1>
      <form onSubmit={submit} noValidate className="mt-5 space-y-4">
        <FormAlert message={server.form} />
        <TextField
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={120}
          required
          error={errors.title}
        />
        <TextAreaField
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={3}
          maxLength={2000}
          error={errors.description}
          hint="Optional: what it is about."
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Starts"
            type="datetime-local"
            value={times.start}
            onChange={(e) => setTimes((t) => ({ ...t, start: e.target.value }))}
            required
            error={errors.startsAt}
          />
          <TextField
            label="Ends"
            type="datetime-local"
            value={times.end}
            onChange={(e) => setTimes((t) => ({ ...t, end: e.target.value }))}
            required
            error={errors.endsAt}
          />
        </div>
        <fieldset aria-describedby={errors.inviteeIds ? "meeting-invitees-error" : undefined}>
          <legend className="text-sm font-medium text-stone-700">
            Invite friends{invitees.picked.size ? ` (${invitees.picked.size})` : ""}
          </legend>
          {errors.inviteeIds ? (
            <p id="meeting-invitees-error" className="text-sm text-red-600">
              {errors.inviteeIds}
            </p>
          ) : null}
          {friends.isPending ? (
            <Spinner label="Loading friends" />
          ) : !friends.data?.friends.length ? (
            <p className="py-2 text-sm text-stone-500">You can invite only friends, and you have none yet.</p>
          ) : (
            <FriendPicker friends={friends.data.friends} picked={invitees.picked} onToggle={invitees.toggle} compact />
          )}
        </fieldset>
        {invited.length ? (
          <fieldset aria-describedby={errors.hostIds ? "meeting-hosts-error" : undefined}>
            <legend className="text-sm font-medium text-stone-700">Hosts</legend>
            <p className="text-sm text-stone-500">
              Hosts admit people from the lobby, mute others and can switch on end-to-end encryption.
            </p>
            {errors.hostIds ? (
              <p id="meeting-hosts-error" className="text-sm text-red-600">
                {errors.hostIds}
              </p>
            ) : null}
            <FriendPicker friends={invited} picked={hosts.picked} onToggle={hosts.toggle} compact />
          </fieldset>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Link href="/rooms" className="rounded-lg px-4 py-2 text-sm font-medium text-stone-700 hover:bg-stone-100">
            Cancel
          </Link>
          <Button type="submit" pending={create.isPending || create.isSuccess}>
            Create meeting
          </Button>
        </div>
      </form>
    </Card>
  );
}
