import Link from "next/link";

/** The two documents' titles and addresses; universal (sign-up form, footers, settings, admin page). */
export const LEGAL_PAGES = {
  terms: { title: "Terms of use", href: "/terms" },
  privacy: { title: "Privacy policy", href: "/privacy" },
} as const;

/** "Privacy · Terms" under public pages and in Settings. */
export function LegalLinks({ className = "" }: { className?: string }) {
  return (
    <nav aria-label="Legal" className={`flex justify-center gap-4 text-sm text-stone-600 ${className}`}>
      <Link href={LEGAL_PAGES.privacy.href} className="underline-offset-2 hover:text-stone-900 hover:underline">
        {LEGAL_PAGES.privacy.title}
      </Link>
      <Link href={LEGAL_PAGES.terms.href} className="underline-offset-2 hover:text-stone-900 hover:underline">
        {LEGAL_PAGES.terms.title}
      </Link>
    </nav>
  );
}
