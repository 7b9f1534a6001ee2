"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import type { CallParty } from "@/server/services/realtime/events";
import { useTRPCClient } from "@/trpc/client";
import { CallController } from "./call-controller";
import { IDLE_SNAPSHOT, type CallSnapshot } from "./call-snapshot";
import { CallScreen } from "./call-screen";
import { IncomingCallDialog } from "./incoming-call-dialog";

const CallsContext = createContext<CallController | null>(null);

/** The tab's call controller (made once by the realtime provider, which feeds it the call events). */
export function useCallController(meId: string): CallController {
  const client = useTRPCClient();
  const [controller] = useState(() => new CallController(client, meId));
  useEffect(() => {
    void controller.restore();
    return () => controller.dispose();
  }, [controller]);
  return controller;
}

/** Shows the incoming-call dialog and the call screen over the whole app. */
export function CallProvider({ controller, children }: { controller: CallController; children: ReactNode }) {
  const snapshot = useCallSnapshotOf(controller);
  const phase = snapshot.phase;
  return (
    <CallsContext value={controller}>
      {/* The app under the call stays put but cannot be reached (keyboard, screen readers) while a call is on top. */}
      <div className="contents" inert={phase.kind !== "idle"}>
        {children}
      </div>
      {phase.kind === "incoming" ? <IncomingCallDialog caller={phase.other} answering={phase.answering} onAccept={() => void controller.accept()} onDecline={() => controller.decline()} /> : null}
      {phase.kind === "outgoing" || phase.kind === "in-call" || phase.kind === "ended" ? <CallScreen controller={controller} snapshot={snapshot} /> : null}
    </CallsContext>
  );
}

function useCallSnapshotOf(controller: CallController): CallSnapshot {
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot, () => IDLE_SNAPSHOT);
}

/** Start a call from anywhere in the signed-in app; `busy` while this tab is already calling or in a call. */
export function useCalls(): { startCall: (user: CallParty) => void; busy: boolean } {
  const controller = useContext(CallsContext);
  if (!controller) throw new Error("useCalls outside CallProvider");
  const busy = useSyncExternalStore(controller.subscribe, () => controller.getSnapshot().phase.kind !== "idle", () => false);
  return { startCall: (user) => void controller.start(user), busy };
}
