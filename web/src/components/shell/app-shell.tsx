import Link from "next/link";
import type { ReactNode } from "react";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { DeletionBanner } from "@/components/settings/deletion-banner";
import type { ShellUser } from "@/server/services/accounts/shell-user";
import { AppNav } from "./app-nav";

/** The signed-in frame around every app page (and the not-found page for a signed-in person): navigation, banners, main. */
export function AppShell({ me, children }: { me: ShellUser; children: ReactNode }) {
  return (
    <RealtimeProvider meId={me.id}>
      <div className="min-h-dvh pb-20 sm:pb-0">
        <AppNav username={me.username} displayName={me.displayName} />
        {me.deletionScheduledAt ? (
          <DeletionBanner deleteOn={me.deletionScheduledAt} />
        ) : me.needsTotp ? (
          <div role="alert" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
            Admins must turn on two-factor authentication before using Hearth.{" "}
            <Link href="/settings/security" className="font-medium underline">
              Set it up now
            </Link>
          </div>
        ) : !me.emailVerified ? (
          <div className="border-b border-sky-200 bg-sky-50 px-4 py-2 text-center text-sm text-sky-900">
            Confirm your email address: we sent you a link.{" "}
            <Link href="/settings/security" className="font-medium whitespace-nowrap underline">
              Resend it
            </Link>
          </div>
        ) : null}
        <main className="mx-auto w-full max-w-3xl px-4 py-6 sm:py-8">{children}</main>
      </div>
    </RealtimeProvider>
  );
}
