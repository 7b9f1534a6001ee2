import Link from "next/link";
import type { ReactNode } from "react";
import { LegalLinks } from "../legal/legal-links";

/** The frame around signed-out pages: the brand, then one centred card (wide for reading, e.g. the terms), then the legal links. */
export function PublicShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-ember-50 to-stone-50 px-4 py-10">
      <Link href="/" className="mb-6 flex items-center gap-2 text-2xl font-semibold tracking-tight text-stone-900">
        <span aria-hidden className="inline-block size-8 rounded-full bg-gradient-to-br from-amber-400 to-ember-600" />
        Hearth
      </Link>
      <main className={`w-full ${wide ? "max-w-3xl" : "max-w-sm"}`}>{children}</main>
      <footer className="mt-8">
        <LegalLinks />
      </footer>
    </div>
  );
}
