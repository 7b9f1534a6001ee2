"use client";

import { ContactButtons } from "@/components/calls/contact-buttons";
import { FriendsTabs } from "@/components/friends/friends-tabs";

/** The friends page's tabs, with Message and Call on every friend (the friends folder cannot reach calls itself). */
export function FriendsWithContact({ initialTab }: { initialTab: "friends" | "requests" | "blocked" }) {
  return <FriendsTabs initialTab={initialTab} contact={(friend) => <ContactButtons user={friend} />} />;
}
