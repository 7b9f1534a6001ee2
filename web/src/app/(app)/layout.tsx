import type { ReactNode } from "react";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import { GroupCallsProvider } from "@/components/rooms/group-calls-available";
import { AppShell } from "@/components/shell/app-shell";
import { env } from "@/server/infra/env";
import { deps } from "@/server/infra/deps";
import { loadShellUser } from "@/server/services/accounts/shell-user";
import { groupCallsAvailable } from "@/server/services/rooms/jitsi-availability";
import { requireSessionUser } from "@/server/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const me = await loadShellUser(deps(), await requireSessionUser());
  return (
    <GroupCallsProvider available={groupCallsAvailable(env())}>
      <AppShell me={me}>
        <ServiceWorkerRegistration />
        {children}
      </AppShell>
    </GroupCallsProvider>
  );
}
