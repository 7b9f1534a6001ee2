import { AdminPage } from "../admin-page";
import { JitsiDefaultsForm } from "@/components/rooms/jitsi-defaults-form";
import { JitsiStatusCard } from "@/components/rooms/jitsi-status-card";
import { deps } from "@/server/infra/deps";
import { JITSI_EVENTS_PATH } from "@/server/services/rooms/jitsi-config-check";
import { jitsiStatus } from "@/server/services/rooms/jitsi-status";

export const metadata = { title: "Admin · Jitsi" };

export default async function AdminJitsiPage() {
  const d = deps();
  const status = await jitsiStatus(d);
  return (
    <AdminPage title="Group calls (Jitsi)">
      <JitsiStatusCard status={status} eventsUrl={new URL(JITSI_EVENTS_PATH, d.env.APP_URL).toString()} />
      <JitsiDefaultsForm />
    </AdminPage>
  );
}
