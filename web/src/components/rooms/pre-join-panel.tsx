"use client";

import type { RoomView } from "@/server/services/rooms/rooms";
import { VideoIcon } from "@/components/ui/icons";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormAlert } from "../ui/field";
import { E2eeBadge, E2eeSwitch } from "./e2ee-switch";
import { GroupCallsUnavailable, useGroupCallsAvailable } from "./group-calls-available";
import { kindLabel, meetingTimeText, recordingText, roleText } from "./room-labels";

/** Before going in: what the room is, whose it is, when, encryption and recording, and the Join button. */
export function PreJoinPanel({
  room,
  onJoin,
  joining,
  error,
  note,
}: {
  room: RoomView;
  onJoin: () => void;
  joining: boolean;
  error: string | null;
  note: string | null;
}) {
  const { access } = room;
  const isHost = access.role !== "participant";
  const lobby = access.entry === "lobby";
  const available = useGroupCallsAvailable();
  return (
    <Card className="mx-auto max-w-xl">
      <p className="text-sm font-medium text-ember-700">{kindLabel(room.kind)}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-balance text-stone-900">{room.title}</h1>
      {room.startsAt && room.endsAt ? (
        <p className="mt-1 text-stone-600">
          <time dateTime={room.startsAt}>{meetingTimeText(room.startsAt, room.endsAt)}</time>
        </p>
      ) : null}
      {room.description ? <p className="mt-3 whitespace-pre-line text-stone-700">{room.description}</p> : null}

      <div className="mt-5 flex items-center gap-3">
        <Avatar name={room.owner.displayName} url={room.owner.avatarUrl} seed={room.owner.id} size={40} />
        <div className="min-w-0 text-sm">
          <p className="truncate font-medium text-stone-900">
            {access.role === "owner" ? "Your room" : room.owner.displayName}
          </p>
          <p className="text-stone-500">{access.role === "owner" ? "Owner" : `@${room.owner.username} · owner`}</p>
        </div>
      </div>

      <ul className="mt-5 space-y-1.5 text-sm text-stone-600">
        <li className={lobby ? "font-medium text-amber-800" : undefined}>{roleText(access, room.kind)}</li>
        <li>{recordingText(access, room.e2ee)}</li>
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {room.e2ee ? <E2eeBadge /> : null}
        {isHost ? <E2eeSwitch room={room} /> : null}
      </div>

      {note ? <p className="mt-5 rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">{note}</p> : null}
      <div className="mt-4">
        <FormAlert message={error} />
      </div>
      <div className="mt-5 flex flex-col gap-2 sm:flex-row sm:items-center">
        <Button onClick={onJoin} pending={joining} disabled={!available} className="px-6 py-2.5">
          <VideoIcon size={18} />
          {lobby ? "Ask to join" : note ? "Join again" : "Join"}
        </Button>
        {!available ? (
          <GroupCallsUnavailable />
        ) : lobby ? (
          <p className="text-sm text-stone-500">You will wait in the lobby until a host admits you.</p>
        ) : null}
      </div>
    </Card>
  );
}
