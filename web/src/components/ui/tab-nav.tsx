"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A row of page tabs (Settings, Admin): the current page is marked; on a narrow screen the row scrolls. */
export function TabNav({ label, tabs }: { label: string; tabs: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex gap-1 overflow-x-auto rounded-xl bg-stone-100 p-1 [scrollbar-width:none]">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname === tab.href ? "page" : undefined}
          ref={pathname === tab.href ? (el) => el?.scrollIntoView({ block: "nearest", inline: "nearest" }) : undefined}
          className="shrink-0 outline-offset-[-2px] sm:flex-1 rounded-lg px-3 py-2 text-center text-sm font-medium whitespace-nowrap text-stone-600 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-sm"
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
