"use client";

import { useEffect, useRef, useState } from "react";
import type { JoinTicket } from "@/server/services/rooms/join-room";
import type { RoomView } from "@/server/services/rooms/rooms";
import { useTRPCClient } from "@/trpc/client";
import { E2eeBadge, E2eeSwitch } from "./e2ee-switch";
import { JitsiEmbed, type JitsiApi } from "./jitsi-embed";
import { accessEndedNote, accessWarningText, peopleText } from "./room-labels";
import { useRoomAccessChanges } from "./rooms-provider";

const ignore = () => undefined;

/**
 * In the meeting: Hearth's bar (title, who is there, recording, encryption, Leave) over Jitsi, full screen like a
 * 1:1 call. Hosts switch on the lobby and end-to-end encryption in Jitsi once Jitsi has made them moderator.
 */
export function MeetingView({
  room,
  ticket,
  onLeave,
}: {
  room: RoomView;
  ticket: JoinTicket;
  onLeave: (note: string | null) => void;
}) {
  const client = useTRPCClient();
  const apiRef = useRef<JitsiApi | null>(null);
  const [joined, setJoined] = useState(false);
  const [people, setPeople] = useState(1);
  const [recording, setRecording] = useState(false);
  const isHost = ticket.access.role !== "participant";
  // The latest room (a host may switch E2EE while in the meeting); read when Jitsi says we joined.
  const roomRef = useRef(room);
  useEffect(() => {
    roomRef.current = room;
  });

  // "In a call" for friends while the meeting page says so; reported left when this view goes away.
  useEffect(() => {
    if (!joined) return;
    void client.rooms.reportPresence.mutate({ roomId: room.id, joined: true }).catch(ignore);
    return () => void client.rooms.reportPresence.mutate({ roomId: room.id, joined: false }).catch(ignore);
  }, [client, joined, room.id]);

  const leave = (note: string | null) => onLeave(note);

  // Access can end mid-call (removed from the group, blocked, the meeting cancelled): this page leaves the call;
  // a moderator's page says who may still be in it (Jitsi checked them only when they joined).
  const [warning, setWarning] = useState<string | null>(null);
  useRoomAccessChanges(room.id, (event) => {
    if (event.type === "room.access-ended") {
      apiRef.current?.executeCommand("hangup");
      leave(accessEndedNote(event.reason));
    } else if (isHost) {
      setWarning(
        accessWarningText(
          event.reason,
          event.people.map((p) => p.displayName),
        ),
      );
    }
  });

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={`Meeting: ${room.title}`}
      data-theme="light"
      className="fixed inset-0 z-40 flex flex-col bg-stone-950 text-white"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-white/10 px-3 pt-[max(0.5rem,env(safe-area-inset-top))] pb-2 sm:px-4">
        <div className="min-w-0 flex-1">
          <h1 className="truncate font-semibold">{room.title}</h1>
          <p role="status" className="flex items-center gap-2 text-xs text-stone-300">
            <span data-testid="meeting-people">
              {joined ? peopleText(people) : ticket.access.entry === "lobby" ? "The host will let you in" : "Joining…"}
            </span>
            {recording ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-red-600 px-2 py-0.5 font-semibold text-white">
                <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-white" />
                Recording
              </span>
            ) : null}
            {room.e2ee ? <E2eeBadge tone="dark" /> : null}
          </p>
        </div>
        {isHost ? (
          <div className="order-last w-full sm:order-none sm:w-auto">
            <E2eeSwitch room={room} tone="dark" onChanged={(on) => apiRef.current?.executeCommand("toggleE2EE", on)} />
            {room.e2ee ? <p className="text-xs text-stone-300">Recording is unavailable while it is on.</p> : null}
          </div>
        ) : null}
        <button
          type="button"
          onClick={() => {
            apiRef.current?.executeCommand("hangup");
            leave("You left the meeting.");
          }}
          className="rounded-full bg-red-600 px-4 py-1.5 text-sm font-semibold shadow hover:bg-red-700 focus-visible:ring-4 focus-visible:ring-red-400/50 focus-visible:outline-none"
        >
          Leave
        </button>
      </header>
      {warning ? (
        <div
          role="alert"
          className="flex items-start gap-3 border-b border-amber-400/30 bg-amber-950 px-3 py-2 text-sm text-amber-100 sm:px-4"
        >
          <p className="flex-1">{warning}</p>
          <button
            type="button"
            onClick={() => setWarning(null)}
            className="rounded-full px-2 py-0.5 font-semibold hover:bg-amber-900 focus-visible:ring-2 focus-visible:ring-amber-300 focus-visible:outline-none"
          >
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="min-h-0 flex-1">
        <JitsiEmbed
          ticket={ticket}
          apiRef={apiRef}
          handlers={{
            onJoined: () => setJoined(true),
            // lib-jitsi-meet refuses the lobby switch from a participant, and a host is one until Jitsi applies the
            // token's owner affiliation: switch it (and E2EE) only once Jitsi says this host is moderator. Prosody
            // already starts each room with its lobby on (lobby_autostart); this keeps it on should it be missing.
            onModerator: (api) => {
              if (!isHost) return;
              if (ticket.lobby) api.executeCommand("toggleLobby", true);
              if (roomRef.current.e2ee) api.executeCommand("toggleE2EE", true);
            },
            onLeft: (reason) => leave(reason ?? "You left the meeting."),
            onParticipants: setPeople,
            onRecording: setRecording,
          }}
        />
      </div>
    </div>
  );
}
