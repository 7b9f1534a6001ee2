"use client";

import { useEffect } from "react";
import { registerServiceWorker, serviceWorkerSupported } from "@/lib/service-worker";
// Loaded with every signed-in page, so the browser's install offer is caught whenever it comes (see install-prompt.ts).
import "./install-prompt";

/** Installs the service worker on every signed-in visit (renders nothing). */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!serviceWorkerSupported()) return;
    // After the page has loaded, so the worker's own downloads never compete with the page's.
    const register = () =>
      void registerServiceWorker().catch((error: unknown) => console.warn("Service worker not registered", error));
    if (document.readyState === "complete") register();
    else {
      window.addEventListener("load", register, { once: true });
      return () => window.removeEventListener("load", register);
    }
  }, []);
  return null;
}
