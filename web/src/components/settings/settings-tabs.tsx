"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { TabNav } from "../ui/tab-nav";

const tabs = [
  { href: "/settings/profile", label: "Profile & privacy" },
  { href: "/settings/security", label: "Account & security" },
  { href: "/settings/calls", label: "Calls" },
];

/** The settings sections (admins also get the admin pages); on a phone the row scrolls sideways rather than wrapping. */
export function SettingsTabs() {
  const trpc = useTRPC();
  const isAdmin = useQuery(trpc.account.me.queryOptions()).data?.role === "ADMIN";
  return <TabNav label="Settings" tabs={isAdmin ? [...tabs, { href: "/admin/jitsi", label: "Admin" }] : tabs} />;
}
