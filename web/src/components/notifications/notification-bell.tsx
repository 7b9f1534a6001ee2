"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BellIcon } from "@/components/ui/icons";
import { useUnreadNotifications } from "./notifications-cache";

/** The top bar's way into the notification centre, with the live unread count. */
export function NotificationBell() {
  const unread = useUnreadNotifications();
  const current = usePathname().startsWith("/notifications");
  return (
    <Link
      href="/notifications"
      aria-current={current ? "page" : undefined}
      title="Notifications"
      className="relative inline-flex size-10 shrink-0 items-center justify-center rounded-full text-stone-600 hover:bg-stone-100 aria-[current=page]:bg-ember-50 aria-[current=page]:text-ember-700"
    >
      <BellIcon size={21} />
      <span className="sr-only">Notifications</span>
      {unread > 0 ? (
        <span className="absolute top-0.5 right-0 min-w-5 rounded-full bg-ember-600 px-1.5 text-center text-[11px] leading-5 font-semibold text-white ring-2 ring-white">
          <span className="sr-only">, </span>
          {unread > 99 ? "99+" : unread}
          <span className="sr-only"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}
