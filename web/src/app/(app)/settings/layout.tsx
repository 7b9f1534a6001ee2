import type { ReactNode } from "react";
import { LegalLinks } from "@/components/legal/legal-links";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <SettingsTabs />
      {children}
      <LegalLinks className="pt-2" />
    </div>
  );
}
