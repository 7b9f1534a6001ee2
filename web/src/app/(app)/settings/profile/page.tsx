import { InstallCard } from "@/components/pwa/install-button";
import { AvatarEditor } from "@/components/settings/avatar-editor";
import { PrivacyForm } from "@/components/settings/privacy-form";
import { NotificationSettings } from "@/components/settings/notification-settings";
import { ProfileForm } from "@/components/settings/profile-form";
import { ThemeSwitch } from "@/components/settings/theme-switch";

export const metadata = { title: "Profile settings" };

export default function ProfileSettingsPage() {
  return (
    <div className="space-y-5">
      <AvatarEditor />
      <ProfileForm />
      <PrivacyForm />
      <NotificationSettings />
      <ThemeSwitch />
      <InstallCard />
    </div>
  );
}
