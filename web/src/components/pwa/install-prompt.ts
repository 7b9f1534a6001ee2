"use client";

import { useSyncExternalStore } from "react";

/** Chromium's install offer (not in TypeScript's DOM types). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

// The browser fires `beforeinstallprompt` once per page load, often before React has hydrated: it is caught as soon as
// this module loads and kept here for whichever install button renders.
let offer: BeforeInstallPromptEvent | null = null;
const listeners = new Set<() => void>();
const changed = (next: BeforeInstallPromptEvent | null) => {
  offer = next;
  for (const listener of listeners) listener();
};

if (typeof window !== "undefined") {
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    changed(event as BeforeInstallPromptEvent);
  });
  window.addEventListener("appinstalled", () => changed(null));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The browser's pending offer to install Hearth, or null where there is none. */
export function useInstallOffer(): BeforeInstallPromptEvent | null {
  return useSyncExternalStore(
    subscribe,
    () => offer,
    () => null,
  );
}

/** Shows the browser's install dialog; an offer prompts only once (the browser makes a new one if still possible). */
export async function acceptInstallOffer(): Promise<void> {
  const current = offer;
  if (!current) return;
  changed(null);
  await current.prompt();
  await current.userChoice;
}
