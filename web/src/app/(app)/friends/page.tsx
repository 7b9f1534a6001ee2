import { FriendsWithContact } from "./friends-with-contact";

export const metadata = { title: "Friends" };

export default async function FriendsPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const { tab } = await searchParams;
  return (
    <div className="mx-auto max-w-3xl">
      <FriendsWithContact initialTab={tab === "requests" || tab === "blocked" ? tab : "friends"} />
    </div>
  );
}
