import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireSessionUser } from "@/server/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  return <AppShell user={user}>{children}</AppShell>;
}
