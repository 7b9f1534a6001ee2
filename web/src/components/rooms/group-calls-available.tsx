"use client";

import { createContext, useContext, type ReactNode } from "react";
import { GROUP_CALLS_NEED_JITSI } from "@/lib/group-calls";

// Off unless a server layout says otherwise: outside the app's layout nothing offers a group call it cannot start.
const GroupCallsContext = createContext(false);

/** Set by the signed-in layout from the server's configuration (JITSI_DOMAIN): are group calls, meetings and rooms on? */
export function GroupCallsProvider({ available, children }: { available: boolean; children: ReactNode }) {
  return <GroupCallsContext.Provider value={available}>{children}</GroupCallsContext.Provider>;
}

export const useGroupCallsAvailable = () => useContext(GroupCallsContext);

/** The one-line reason shown where a group call, meeting or room would be offered. */
export function GroupCallsUnavailable({ className = "" }: { className?: string }) {
  return <p className={`text-sm text-stone-600 ${className}`}>{GROUP_CALLS_NEED_JITSI}</p>;
}
