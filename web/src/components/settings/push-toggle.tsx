"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { registerServiceWorker } from "@/lib/service-worker";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";

const supported = () =>
  typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Opt this browser in or out of push notifications. */
export function PushToggle() {
  const trpc = useTRPC();
  const publicKey = useQuery(trpc.push.publicKey.queryOptions());
  const subscribe = useMutation(trpc.push.subscribe.mutationOptions());
  const unsubscribe = useMutation(trpc.push.unsubscribe.mutationOptions());
  const [subscription, setSubscription] = useState<PushSubscription | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!supported()) return;
    void navigator.serviceWorker
      .getRegistration("/")
      .then(async (registration) => setSubscription((await registration?.pushManager.getSubscription()) ?? null));
  }, []);

  if (!supported()) return <p className="text-sm text-stone-500">This browser does not support push notifications.</p>;
  if (publicKey.data === null)
    return <p className="text-sm text-stone-500">Push notifications are not enabled on this Hearth.</p>;

  async function enable() {
    setBusy(true);
    setError(null);
    try {
      if ((await Notification.requestPermission()) !== "granted")
        throw new Error("Notifications are blocked for this site in your browser's settings.");
      const registration = await registerServiceWorker();
      await navigator.serviceWorker.ready;
      const created = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey.data!),
      });
      const json = created.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await subscribe.mutateAsync({
        endpoint: json.endpoint,
        keys: json.keys,
        userAgent: navigator.userAgent.slice(0, 300),
      });
      setSubscription(created);
    } catch (e) {
      setError(formErrors(e).form ?? (e instanceof Error ? e.message : "Could not turn on push notifications."));
    } finally {
      setBusy(false);
    }
  }

  async function disable() {
    if (!subscription) return;
    setBusy(true);
    try {
      await unsubscribe.mutateAsync({ endpoint: subscription.endpoint });
      await subscription.unsubscribe();
      setSubscription(null);
    } catch (e) {
      setError(formErrors(e).form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span>
          <span className="block text-sm font-medium text-stone-800">Push notifications on this device</span>
          <span className="block text-sm text-stone-500">
            Friend requests, messages and mentions, even when Hearth is closed.
          </span>
        </span>
        {subscription ? (
          <Button variant="secondary" onClick={disable} pending={busy}>
            Turn off
          </Button>
        ) : (
          <Button
            variant="secondary"
            onClick={enable}
            pending={busy}
            disabled={subscription === undefined || publicKey.isPending}
          >
            Turn on
          </Button>
        )}
      </div>
      <FormAlert message={error} />
    </div>
  );
}
