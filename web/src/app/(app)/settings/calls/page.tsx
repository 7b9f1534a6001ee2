import { CallSettingsForm } from "@/components/settings/call-settings-form";

export const metadata = { title: "Call settings" };

export default function CallSettingsPage() {
  return <CallSettingsForm />;
}
