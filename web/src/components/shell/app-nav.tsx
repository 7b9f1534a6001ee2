"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTRPC } from "@/trpc/client";
import { signOutAction } from "../auth/actions";
import { NotificationBell } from "../notifications/notification-bell";

export function AppNav({ username, displayName }: { username: string; displayName: string }) {
  const pathname = usePathname();
  const trpc = useTRPC();
  const requests = useQuery({ ...trpc.friends.requests.queryOptions(), refetchInterval: 30_000 });
  const incoming = requests.data?.incoming.length ?? 0;
  // Kept current by the realtime provider; counts conversations with unread messages, muted ones aside.
  const conversations = useQuery(trpc.chat.conversations.queryOptions());
  const unreadChats = conversations.data?.filter((c) => c.unread > 0 && !c.muted).length ?? 0;
  const isAdmin = useQuery(trpc.account.me.queryOptions()).data?.role === "ADMIN";
  const links: { href: string; label: string; icon: string; badge?: number; badgeLabel?: string }[] = [
    { href: "/", label: "Home", icon: "⌂" },
    { href: "/search", label: "Search", icon: "⌕" },
    { href: "/messages", label: "Messages", icon: "✉", badge: unreadChats, badgeLabel: "unread" },
    { href: "/friends", label: "Friends", icon: "☺", badge: incoming },
    { href: "/calls", label: "Calls", icon: "☏" },
    { href: `/u/${username}`, label: "Profile", icon: "◉" },
    { href: "/settings/profile", label: "Settings", icon: "⚙" },
  ];
  // Meetings (/rooms) live under Calls.
  const isActive = (href: string) => {
    if (href === "/") return pathname === "/";
    if (href === "/calls") return pathname.startsWith("/calls") || pathname.startsWith("/rooms");
    return pathname.startsWith(href.startsWith("/settings") ? "/settings" : href);
  };
  // Admins only, in the top bar (the phone's bottom bar is full).
  const topLinks = isAdmin ? [...links, { href: "/admin/jitsi", label: "Admin", icon: "" }] : links;

  return (
    <>
      <header className="sticky top-0 z-20 border-b border-stone-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-5xl items-center gap-2 px-4 lg:gap-4">
          <Link href="/" className="flex shrink-0 items-center gap-2 text-lg font-semibold tracking-tight">
            <span aria-hidden className="inline-block size-7 rounded-full bg-gradient-to-br from-amber-400 to-ember-600" />
            {/* Between phone and laptop widths the links need the room. */}
            <span className="sm:max-md:sr-only">Hearth</span>
          </Link>
          <nav aria-label="Main" className="ml-1 hidden min-w-0 gap-0.5 overflow-x-auto sm:flex lg:ml-4 lg:gap-1">
            {topLinks.map((link) => (
              <Link
                key={link.href}
                href={link.href}
                aria-current={isActive(link.href) ? "page" : undefined}
                className="relative shrink-0 rounded-lg px-2 py-1.5 text-sm font-medium text-stone-600 lg:px-3 hover:bg-stone-100 aria-[current=page]:bg-ember-50 aria-[current=page]:text-ember-700"
              >
                {link.label}
                {link.badge ? <Badge count={link.badge} label={link.badgeLabel} /> : null}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
            <NotificationBell />
            <span className="hidden max-w-40 truncate text-sm text-stone-500 md:inline">{displayName}</span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap text-stone-600 hover:bg-stone-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <nav aria-label="Main" className="fixed inset-x-0 bottom-0 z-20 grid grid-cols-7 border-t border-stone-200 bg-white sm:hidden">
        {links.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            aria-current={isActive(link.href) ? "page" : undefined}
            className="relative flex flex-col items-center gap-0.5 py-2 text-xs text-stone-500 aria-[current=page]:text-ember-700"
          >
            <span aria-hidden className="text-lg leading-none">
              {link.icon}
            </span>
            {link.label}
            {link.badge ? <Badge count={link.badge} label={link.badgeLabel} /> : null}
          </Link>
        ))}
      </nav>
    </>
  );
}

function Badge({ count, label = "pending" }: { count: number; label?: string }) {
  return (
    <span className="absolute -top-1 right-0 min-w-5 rounded-full bg-ember-600 px-1.5 text-center text-[11px] leading-5 font-semibold text-white">
      <span className="sr-only">, </span>
      {count > 99 ? "99+" : count}
      <span className="sr-only"> {label}</span>
    </span>
  );
}
