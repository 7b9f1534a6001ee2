import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { deps } from "@/server/infra/deps";
import { loadShellUser } from "@/server/services/accounts/shell-user";
import { requireSessionUser } from "@/server/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const me = await loadShellUser(deps(), await requireSessionUser());
  return <AppShell me={me}>{children}</AppShell>;
}
