"use client";

import { useEffect } from "react";
import { useTRPCClient } from "@/trpc/client";

const IDLE_MS = 5 * 60_000;
const HIDDEN_MS = 60_000;
const CHECK_MS = 10_000;
/** The server forgets "away" after 10 minutes: while still away, say it again before then. */
const RENEW_MS = 8 * 60_000;
const ACTIVITY = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"] as const;

/**
 * Tells the server when this device goes idle (no input for 5 minutes, or the tab hidden for a minute) and when
 * activity resumes, only on a change (and a renewal while away, which the server would otherwise expire).
 */
export function AwayReporter() {
  const client = useTRPCClient();

  useEffect(() => {
    let away = false;
    let lastActivity = Date.now();
    let hiddenSince = document.visibilityState === "hidden" ? Date.now() : null;
    let saidAt = 0;

    const report = (next: boolean) => {
      away = next;
      saidAt = Date.now();
      client.presence.setAway.mutate({ away: next }).catch(() => undefined);
    };
    const check = () => {
      const now = Date.now();
      const idle = now - lastActivity >= IDLE_MS || (hiddenSince !== null && now - hiddenSince >= HIDDEN_MS);
      if (idle && (!away || now - saidAt >= RENEW_MS)) report(true);
    };
    const onActivity = () => {
      lastActivity = Date.now();
      if (away && document.visibilityState === "visible") report(false);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        hiddenSince = Date.now();
      } else {
        hiddenSince = null;
        onActivity();
      }
    };

    const timer = setInterval(check, CHECK_MS);
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { passive: true, capture: true });
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [client]);

  return null;
}
