/**
 * Registers Hearth's one service worker (web/public/sw.js) for the whole site. Both the app frame (offline page, app
 * shell) and the push switch (a subscription needs a registration) call this, so there is one script URL and one
 * scope. `next dev` serves unhashed build files, so the worker is told not to cache them there.
 */
export const SERVICE_WORKER_URL = process.env.NODE_ENV === "production" ? "/sw.js" : "/sw.js?cache=off";

export function serviceWorkerSupported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator;
}

export function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/", updateViaCache: "none" });
}
