import { useEffect, useSyncExternalStore } from "react";
import { useTRPCClient } from "@/trpc/client";

/** The thread's browser plumbing: page visibility, the #message-<id> target, and "viewing" reports. */
function subscribeVisibility(onChange: () => void) {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}
export const usePageVisible = () =>
  useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === "visible",
    () => false,
  );

function subscribeHash(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  window.addEventListener("popstate", onChange);
  return () => {
    window.removeEventListener("hashchange", onChange);
    window.removeEventListener("popstate", onChange);
  };
}
/** The message a `#message-<id>` link points at (search results link to them). */
export const useHashMessageId = () => {
  const hash = useSyncExternalStore(
    subscribeHash,
    () => window.location.hash,
    () => "",
  );
  return hash.startsWith("#message-") ? decodeURIComponent(hash.slice("#message-".length)) : null;
};
/** How many earlier pages a link to a message may load to find it. */
export const TARGET_MAX_PAGES = 5;

// Viewing reports go out one after another, so a quick leave-and-return cannot land out of order.
let viewingReports: Promise<unknown> = Promise.resolve();

/**
 * While the thread is open and the tab visible, tells the server the user is looking at it (renewed every 30 s; the
 * server forgets it after a minute), so messages here raise no notifications; and that they stopped, when they do.
 */
export function useViewing(conversationId: string, visible: boolean) {
  const client = useTRPCClient();
  useEffect(() => {
    if (!visible) return;
    const say = (viewing: boolean) => {
      viewingReports = viewingReports
        .then(() => client.notifications.viewing.mutate({ conversationId, viewing }))
        .catch(() => undefined);
    };
    say(true);
    const timer = setInterval(() => say(true), 30_000);
    return () => {
      clearInterval(timer);
      say(false);
    };
  }, [client, conversationId, visible]);
}
