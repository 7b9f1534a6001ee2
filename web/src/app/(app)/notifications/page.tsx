import { NotificationCentre } from "@/components/notifications/notification-centre";

export const metadata = { title: "Notifications" };

export default function NotificationsPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <NotificationCentre />
    </div>
  );
}
