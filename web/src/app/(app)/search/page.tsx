import { UserSearch } from "@/components/search/user-search";

export const metadata = { title: "Search" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  return (
    <div className="mx-auto max-w-3xl">
      <UserSearch initialQuery={q ?? ""} />
    </div>
  );
}
