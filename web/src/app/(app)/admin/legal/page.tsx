import { AdminPage } from "../admin-page";
import { LegalEditor } from "@/components/legal/legal-editor";

export const metadata = { title: "Admin · Privacy and terms" };

export default function AdminLegalPage() {
  return (
    <AdminPage title="Privacy policy and terms">
      <LegalEditor />
    </AdminPage>
  );
}
