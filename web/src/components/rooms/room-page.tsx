"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { JoinTicket } from "@/server/services/rooms/join-room";
import { useTRPC } from "@/trpc/client";
import { EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { MeetingView } from "./meeting-view";
import { PreJoinPanel } from "./pre-join-panel";
import { useOpenRoom } from "./rooms-provider";
import { errorCode } from "@/lib/trpc-errors";

/**
 * A room's page: the pre-join panel, then the meeting. Every join (and rejoin) asks for a new ticket: tokens are
 * short-lived and access may have changed since. `autoJoin` skips the panel once, for people who already chose to go
 * in (answered a ring, started the call, were moved from a 1:1 call).
 */
export function RoomPage({ roomId, autoJoin }: { roomId: string; autoJoin: boolean }) {
  const trpc = useTRPC();
  useOpenRoom(roomId);
  const room = useQuery(trpc.rooms.get.queryOptions({ roomId }));
  const [ticket, setTicket] = useState<JoinTicket | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const join = useMutation(
    trpc.rooms.join.mutationOptions({
      onSuccess: (next) => {
        setNote(null);
        setTicket(next);
      },
    }),
  );
  const autoJoined = useRef(false);
  const ready = !!room.data;
  const { mutate } = join;
  useEffect(() => {
    if (!autoJoin || !ready || autoJoined.current) return;
    autoJoined.current = true;
    mutate({ roomId });
  }, [autoJoin, ready, mutate, roomId]);

  if (room.isPending) return <Spinner label="Loading room" />;
  if (room.isError) {
    if (errorCode(room.error) === "NOT_FOUND") {
      return (
        <EmptyState title="This room isn't available">
          It may have been cancelled, or you are not invited.{" "}
          <Link href="/rooms" className="text-ember-700 hover:underline">
            Your meetings
          </Link>
        </EmptyState>
      );
    }
    return <FormAlert message={formErrors(room.error).form} />;
  }
  if (ticket) {
    return (
      <MeetingView
        // A new ticket is a new Jitsi session.
        key={ticket.jwt}
        room={room.data}
        ticket={ticket}
        onLeave={(leftNote) => {
          setTicket(null);
          setNote(leftNote);
          join.reset();
        }}
      />
    );
  }
  return (
    <PreJoinPanel
      room={room.data}
      onJoin={() => join.mutate({ roomId })}
      joining={join.isPending}
      error={join.isError ? formErrors(join.error).form : null}
      note={note}
    />
  );
}
