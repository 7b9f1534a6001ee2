"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import { signOutAction } from "../auth/actions";
import { NotificationBell } from "../notifications/notification-bell";
import { useUnreadNotifications } from "../notifications/notifications-cache";
import { useGroupCallsAvailable } from "../rooms/group-calls-available";
import { Avatar } from "../ui/avatar";
import {
  BellIcon,
  CalendarIcon,
  FriendsIcon,
  HomeIcon,
  MessageIcon,
  MoreIcon,
  PhoneIcon,
  SearchIcon,
  SettingsIcon,
  ShieldIcon,
  SignOutIcon,
  UserIcon,
} from "../ui/icons";
import { MenuButton, type MenuItem } from "../ui/menu";

type NavLink = { href: string; label: string; icon: ReactNode; count?: number; countLabel?: string; section: string };

const iconSize = 20;

/**
 * The app's navigation. Phones (below 1024 px) get a top bar (brand, notifications) and at most five bottom tabs, the
 * last a "More" menu with the rest; desktops get a left sidebar with every destination, the person and Sign out.
 * Both are `<nav aria-label="Main">`; only one is displayed at a time.
 */
export function AppNav({ me }: { me: { id: string; username: string; displayName: string } }) {
  const pathname = usePathname();
  const trpc = useTRPC();
  const requests = useQuery({ ...trpc.friends.requests.queryOptions(), refetchInterval: 30_000 });
  // Kept current by the realtime provider; counts conversations with unread messages, muted ones aside.
  const conversations = useQuery(trpc.chat.conversations.queryOptions());
  const unreadChats = conversations.data?.filter((c) => c.unread > 0 && !c.muted).length ?? 0;
  const unreadNotifications = useUnreadNotifications();
  // The layout's copy of the name is as old as the page; this one follows profile edits (and brings the photo).
  const account = useQuery(trpc.account.me.queryOptions()).data;
  const isAdmin = account?.role === "ADMIN";
  // Meetings run on Jitsi: without it the item would lead to a page that can only say so.
  const meetingsShown = useGroupCallsAvailable();
  const displayName = account?.displayName ?? me.displayName;
  const username = account?.username ?? me.username;

  const home: NavLink = { href: "/", label: "Home", icon: <HomeIcon />, section: "/" };
  const messages: NavLink = {
    href: "/messages",
    label: "Messages",
    icon: <MessageIcon size={iconSize} strokeWidth={2} />,
    count: unreadChats,
    countLabel: "unread",
    section: "/messages",
  };
  const friends: NavLink = {
    href: "/friends",
    label: "Friends",
    icon: <FriendsIcon />,
    count: requests.data?.incoming.length ?? 0,
    countLabel: "pending",
    section: "/friends",
  };
  const calls: NavLink = { href: "/calls", label: "Calls", icon: <PhoneIcon size={iconSize} />, section: "/calls" };
  const meetings: NavLink = {
    href: "/rooms",
    label: "Meetings",
    icon: <CalendarIcon size={iconSize} strokeWidth={2} />,
    section: "/rooms",
  };
  const search: NavLink = { href: "/search", label: "Search", icon: <SearchIcon />, section: "/search" };
  const notifications: NavLink = {
    href: "/notifications",
    label: "Notifications",
    icon: <BellIcon size={iconSize} />,
    count: unreadNotifications,
    countLabel: "unread",
    section: "/notifications",
  };
  const profile: NavLink = { href: `/u/${username}`, label: "Profile", icon: <UserIcon />, section: `/u/${username}` };
  const settings: NavLink = {
    href: "/settings/profile",
    label: "Settings",
    icon: <SettingsIcon />,
    section: "/settings",
  };
  const meetingsLinks = meetingsShown ? [meetings] : [];
  const admin: NavLink[] = isAdmin
    ? [{ href: "/admin/jitsi", label: "Admin", icon: <ShieldIcon />, section: "/admin" }]
    : [];

  const isCurrent = (link: NavLink) =>
    link.section === "/" ? pathname === "/" : pathname === link.section || pathname.startsWith(`${link.section}/`);
  const tabs = [home, messages, friends, calls];
  const more = [profile, ...meetingsLinks, search, notifications, settings, ...admin];
  const sidebar = [
    home,
    messages,
    friends,
    calls,
    ...meetingsLinks,
    search,
    notifications,
    profile,
    settings,
    ...admin,
  ];

  const moreItems: MenuItem[] = [
    ...more.map((link) => ({
      href: link.href,
      label: link.label,
      icon: link.icon,
      current: isCurrent(link),
      after: <Count link={link} inline />,
    })),
    { label: "Sign out", icon: <SignOutIcon />, onSelect: () => void signOutAction() },
  ];
  const moreCount = more.reduce((sum, link) => sum + (link.count ?? 0), 0);

  return (
    <>
      <header className="sticky top-0 z-20 border-b border-stone-200 bg-white/90 backdrop-blur lg:fixed lg:inset-y-0 lg:left-0 lg:flex lg:w-56 lg:flex-col lg:border-r lg:border-b-0 lg:bg-white">
        <div className="flex h-14 shrink-0 items-center gap-2 px-4 lg:h-16 lg:px-5">
          <Link href="/" className="flex items-center gap-2 rounded-lg text-lg font-semibold tracking-tight">
            <span
              aria-hidden
              className="inline-block size-7 rounded-full bg-gradient-to-br from-amber-400 to-ember-600"
            />
            Hearth
          </Link>
          <div className="ml-auto lg:hidden">
            <NotificationBell />
          </div>
        </div>
        <nav aria-label="Main" className="hidden min-h-0 flex-1 overflow-y-auto px-3 py-2 lg:block">
          <ul className="space-y-0.5">
            {sidebar.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={isCurrent(link) ? "page" : undefined}
                  className="flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-stone-600 hover:bg-stone-100 hover:text-stone-900 aria-[current=page]:bg-ember-50 aria-[current=page]:text-ember-800"
                >
                  {link.icon}
                  <span className="flex-1">{link.label}</span>
                  <Count link={link} inline />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="hidden shrink-0 space-y-1 border-t border-stone-200 p-3 lg:block">
          <div className="flex items-center gap-2.5 px-2 py-1">
            <Avatar name={displayName} url={account?.avatarUrl ?? null} seed={me.id} size={32} />
            <span className="min-w-0 flex-1 text-sm font-medium break-words text-stone-800">{displayName}</span>
          </div>
          <form action={signOutAction}>
            <button
              type="submit"
              className="flex w-full items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-stone-600 hover:bg-stone-100 hover:text-stone-900"
            >
              <SignOutIcon />
              Sign out
            </button>
          </form>
        </div>
      </header>
      <nav
        aria-label="Main"
        className="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)] lg:hidden"
      >
        <ul className="mx-auto grid max-w-lg grid-cols-5">
          {tabs.map((link) => (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={isCurrent(link) ? "page" : undefined}
                className={`${tabClass} relative`}
              >
                {link.icon}
                {link.label}
                {/* After the label, so the name reads "Messages, 2 unread"; drawn on the icon's corner. */}
                <Count link={link} />
              </Link>
            </li>
          ))}
          <li>
            <MenuButton label="More" items={moreItems} placement="above" buttonClassName={`${tabClass} w-full`}>
              <span className="relative">
                <MoreIcon />
                {moreCount > 0 ? (
                  <span
                    aria-hidden
                    className="absolute -top-0.5 -right-1 size-2.5 rounded-full bg-ember-600 ring-2 ring-white"
                  />
                ) : null}
              </span>
              More
            </MenuButton>
          </li>
        </ul>
      </nav>
    </>
  );
}

const tabClass =
  "flex flex-col items-center gap-1 px-1 pt-2 pb-1.5 text-xs font-medium text-stone-500 outline-offset-[-3px] hover:text-stone-900 aria-[current=page]:text-ember-700 aria-expanded:text-stone-900";

/** An unread or pending count: beside the label in lists, on the icon's corner in the bottom tabs. */
function Count({ link, inline = false }: { link: NavLink; inline?: boolean }) {
  if (!link.count) return null;
  return (
    <span
      className={`min-w-5 rounded-full bg-ember-600 px-1.5 text-center text-[11px] leading-5 font-semibold text-white ${inline ? "" : "absolute top-0.5 left-1/2 ml-1 ring-2 ring-white"}`}
    >
      <span className="sr-only">, </span>
      {link.count > 99 ? "99+" : link.count}
      <span className="sr-only"> {link.countLabel}</span>
    </span>
  );
}
