"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTRPC } from "@/trpc/client";

const tabs = [
  { href: "/settings/profile", label: "Profile & privacy" },
  { href: "/settings/security", label: "Account & security" },
  { href: "/settings/calls", label: "Calls" },
];

/** The settings sections; admins also get the admin pages here (the phone's bottom bar has no room for them). */
export function SettingsTabs() {
  const pathname = usePathname();
  const trpc = useTRPC();
  const isAdmin = useQuery(trpc.account.me.queryOptions()).data?.role === "ADMIN";
  const shown = isAdmin ? [...tabs, { href: "/admin/jitsi", label: "Admin" }] : tabs;
  return (
    <nav aria-label="Settings" className="flex gap-1 rounded-xl bg-stone-100 p-1">
      {shown.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname === tab.href ? "page" : undefined}
          className="flex-1 rounded-lg px-3 py-2 text-center text-sm font-medium text-stone-600 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-sm"
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
