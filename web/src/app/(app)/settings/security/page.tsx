import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { DataExportSettings } from "@/components/settings/data-export";
import { DeleteAccount } from "@/components/settings/delete-account";
import { EmailStatus } from "@/components/settings/email-status";
import { SignOutEverywhere } from "@/components/settings/sign-out-everywhere";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";

export const metadata = { title: "Account & security" };

export default function SecuritySettingsPage() {
  return (
    <div className="space-y-5">
      <EmailStatus />
      <TwoFactorSettings />
      <ChangePasswordForm />
      <SignOutEverywhere />
      <DataExportSettings />
      <DeleteAccount />
    </div>
  );
}
