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
      <a
        href="#main"
        className="sr-only rounded-lg bg-white px-4 py-2 text-sm font-medium text-stone-900 shadow-lg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      {/* Room below for the phone's bottom tabs; beside for the desktop sidebar (widths from app-nav). */}
      <div className="min-h-dvh pb-20 lg:pb-0 lg:pl-56">
        <AppNav me={me} />
        {me.deletionScheduledAt ? (
          <DeletionBanner deleteOn={me.deletionScheduledAt} />
        ) : me.needsTotp ? (
          <div
            role="alert"
            className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900"
          >
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
        {/* Wide from 1024 px (two-pane pages use it); pages that read better narrow (forms, settings) narrow themselves. */}
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-3xl px-4 py-6 focus:outline-none sm:py-8 lg:max-w-6xl lg:px-8"
        >
          {children}
        </main>
      </div>
    </RealtimeProvider>
  );
}
