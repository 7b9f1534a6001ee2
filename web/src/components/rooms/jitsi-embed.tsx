"use client";

import { JitsiMeeting } from "@jitsi/react-sdk";
import type { IJitsiMeetExternalApi } from "@jitsi/react-sdk/lib/types";
import { useEffect, useRef, useState } from "react";
import type { JoinTicket } from "@/server/services/rooms/join-room";

/** What the meeting view hears from Jitsi's IFrame API. */
export interface JitsiHandlers {
  onJoined: () => void;
  /** Jitsi made the local participant a moderator (once per join): only now will it obey moderator commands. */
  onModerator: (api: IJitsiMeetExternalApi) => void;
  onLeft: (reason: string | null) => void;
  onParticipants: (count: number) => void;
  onRecording: (on: boolean) => void;
}

export type JitsiApi = IJitsiMeetExternalApi;

/** How long the IFrame API script may take before the page says the meeting server is unreachable. */
const LOAD_TIMEOUT_MS = 20_000;

const stringField = (payload: unknown, key: string): string | null => {
  const value = (payload as Record<string, unknown> | null)?.[key];
  return typeof value === "string" ? value : null;
};

/**
 * Jitsi Meet in an iframe, through `@jitsi/react-sdk`, for one ticket (a new ticket remounts it). The SDK loads
 * `https://<domain>/external_api.js` once per page and reuses it; it never disposes the API itself, so this does on
 * unmount (which also hangs up: the iframe and its connection go away).
 */
export function JitsiEmbed({
  ticket,
  handlers,
  apiRef,
}: {
  ticket: JoinTicket;
  handlers: JitsiHandlers;
  apiRef: React.RefObject<JitsiApi | null>;
}) {
  // Handlers change on every render; the API's listeners are attached once and read the latest through this ref.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const [ready, setReady] = useState(false);
  const [timedOut, setTimedOut] = useState(false);
  // The SDK reads its props once, when the script has loaded: keep them stable for this ticket.
  // The name only: Jitsi shows what it is given to everyone in the room, and an email address is not theirs to see.
  // The SDK's type marks email as required; Jitsi's IFrame API reads each userInfo field only when present.
  const [userInfo] = useState(() => ({ displayName: ticket.displayName }) as { displayName: string; email: string });

  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => setTimedOut(true), LOAD_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [ready]);

  useEffect(
    () => () => {
      apiRef.current?.dispose();
      apiRef.current = null;
    },
    [apiRef],
  );

  const onApiReady = (api: IJitsiMeetExternalApi) => {
    apiRef.current = api;
    setReady(true);
    // Everyone in the conference by Jitsi participant id, the local one included.
    const present = new Set<string>();
    const count = () => latest.current.onParticipants(Math.max(1, present.size));
    // Jitsi joins everyone as a participant; the owner affiliation from the token arrives in a later presence, as
    // participantRoleChanged for the local id. Roles are kept by id in case that event comes before the join's.
    const roles = new Map<string, string>();
    let localId: string | null = null;
    let moderator = false;
    const promoteIfModerator = () => {
      if (moderator || !localId || roles.get(localId) !== "moderator") return;
      moderator = true;
      latest.current.onModerator(api);
    };
    api.on("videoConferenceJoined", (payload: unknown) => {
      const id = stringField(payload, "id");
      if (id) present.add(id);
      localId = id;
      count();
      latest.current.onJoined();
      promoteIfModerator();
    });
    api.on("participantRoleChanged", (payload: unknown) => {
      const id = stringField(payload, "id");
      const role = stringField(payload, "role");
      if (id && role) roles.set(id, role);
      promoteIfModerator();
    });
    api.on("participantJoined", (payload: unknown) => {
      const id = stringField(payload, "id");
      if (id) present.add(id);
      count();
    });
    api.on("participantLeft", (payload: unknown) => {
      const id = stringField(payload, "id");
      if (id) present.delete(id);
      count();
    });
    api.on("recordingStatusChanged", (payload: unknown) =>
      latest.current.onRecording((payload as { on?: unknown } | null)?.on === true),
    );
    api.on("videoConferenceLeft", () => latest.current.onLeft(null));
    api.on("readyToClose", () => latest.current.onLeft(null));
    // Fatal errors (a refused token, a full room, the connection lost for good) end the meeting view with a reason.
    api.on("errorOccurred", (payload: unknown) => {
      const error = (payload as { error?: { isFatal?: boolean; message?: string; name?: string } } | null)?.error;
      if (error?.isFatal)
        latest.current.onLeft(`The meeting ended: ${error.message || error.name || "the connection failed"}.`);
    });
  };

  return (
    <div className="relative size-full bg-stone-900">
      {!ready ? (
        <div
          role="status"
          className="absolute inset-0 flex flex-col items-center justify-center gap-3 px-6 text-center text-sm text-stone-300"
        >
          {timedOut ? (
            <>
              The meeting server ({ticket.domain}) isn&apos;t answering. Check your connection, then leave and join
              again.
            </>
          ) : (
            <>
              <span
                aria-hidden
                className="size-6 animate-spin rounded-full border-2 border-stone-400 border-t-transparent"
              />
              Connecting to the meeting…
            </>
          )}
        </div>
      ) : null}
      <JitsiMeeting
        // Always our own server: the SDK would otherwise load meet.jit.si.
        domain={ticket.domain}
        roomName={ticket.roomName}
        jwt={ticket.jwt}
        configOverwrite={ticket.configOverwrite}
        userInfo={userInfo}
        onApiReady={onApiReady}
        getIFrameRef={(node) => {
          // The SDK's wrapper div holds the iframe (100% × 100% by default): let it fill the meeting area.
          node.style.height = "100%";
          node.style.width = "100%";
        }}
      />
    </div>
  );
}
