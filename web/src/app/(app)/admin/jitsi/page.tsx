import { AdminPage } from "@/components/admin/admin-page";
import { JitsiDefaultsForm } from "@/components/rooms/jitsi-defaults-form";

export const metadata = { title: "Admin · Jitsi" };

export default function AdminJitsiPage() {
  return (
    <AdminPage title="Group calls (Jitsi)">
      <JitsiDefaultsForm />
    </AdminPage>
  );
}
