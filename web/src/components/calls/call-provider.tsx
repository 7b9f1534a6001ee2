"use client";

import {
  createContext,
  lazy,
  Suspense,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { CallParty } from "@/server/services/realtime/events";
import { useTRPCClient } from "@/trpc/client";
import { CallController } from "./call-controller";
import { IDLE_SNAPSHOT, type CallSnapshot } from "./call-snapshot";

// The call screen and the ringing dialog are downloaded after the page has loaded, not with every signed-in page:
// nobody needs them to see the page, and they are ready (preloaded when the browser is idle) before a call comes.
const loadCallScreen = () => import("./call-screen");
const loadIncomingCallDialog = () => import("./incoming-call-dialog");
const CallScreen = lazy(() => loadCallScreen().then((m) => ({ default: m.CallScreen })));
const IncomingCallDialog = lazy(() => loadIncomingCallDialog().then((m) => ({ default: m.IncomingCallDialog })));

function usePreloadCallUi() {
  useEffect(() => {
    const preload = () => void Promise.all([loadCallScreen(), loadIncomingCallDialog()]);
    if ("requestIdleCallback" in window) {
      const id = requestIdleCallback(preload, { timeout: 5_000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(preload, 2_000);
    return () => clearTimeout(id);
  }, []);
}

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
  usePreloadCallUi();
  return (
    <CallsContext value={controller}>
      {/* The app under the call stays put but cannot be reached (keyboard, screen readers) while a call is on top. */}
      <div className="contents" inert={phase.kind !== "idle"}>
        {children}
      </div>
      <Suspense fallback={null}>
        {phase.kind === "incoming" ? (
          <IncomingCallDialog
            caller={phase.other}
            answering={phase.answering}
            onAccept={() => void controller.accept()}
            onDecline={() => controller.decline()}
          />
        ) : null}
        {phase.kind === "outgoing" || phase.kind === "in-call" || phase.kind === "ended" ? (
          <CallScreen controller={controller} snapshot={snapshot} />
        ) : null}
      </Suspense>
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
  const busy = useSyncExternalStore(
    controller.subscribe,
    () => controller.getSnapshot().phase.kind !== "idle",
    () => false,
  );
  return { startCall: (user) => void controller.start(user), busy };
}
