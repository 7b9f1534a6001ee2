import { FriendsTabs } from "@/components/friends/friends-tabs";

export const metadata = { title: "Friends" };

export default async function FriendsPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const { tab } = await searchParams;
  return <FriendsTabs initialTab={tab === "requests" || tab === "blocked" ? tab : "friends"} />;
}
