import Link from "next/link";
import { CallHistory } from "@/components/calls/call-history";
import { RoomHistoryList } from "@/components/rooms/room-history-list";
import { env } from "@/server/infra/env";
import { groupCallsAvailable } from "@/server/services/rooms/jitsi-availability";

export const metadata = { title: "Calls" };

export default function CallsPage() {
  return (
    <div className="relative mx-auto max-w-3xl">
      {/* Beside the page's heading: the bottom bar on phones has no room for another item. Meetings need Jitsi. */}
      {groupCallsAvailable(env()) ? (
        <Link href="/rooms" className="absolute top-0.5 right-0 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100">
          Meetings
        </Link>
      ) : null}
      <div className="space-y-8">
        <CallHistory />
        <RoomHistoryList />
      </div>
    </div>
  );
}
