"use client";

import { createContext, useContext } from "react";

/** Provided by RealtimeProvider with the signed-in user's id; kept apart so features can read it without importing the provider. */
export const MeContext = createContext<string | null>(null);

/** The signed-in user's id (inside the (app) layout). */
export function useMyId(): string {
  const id = useContext(MeContext);
  if (!id) throw new Error("useMyId outside RealtimeProvider");
  return id;
}
