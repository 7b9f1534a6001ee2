import Link from "next/link";
import { CallHistory } from "@/components/calls/call-history";
import { RoomHistoryList } from "@/components/rooms/room-history-list";
import { env } from "@/server/infra/env";
import { groupCallsAvailable } from "@/server/services/rooms/jitsi-availability";

export const metadata = { title: "Calls" };

export default function CallsPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <CallHistory
        actions={
          // Here, beside the heading: the bottom bar on phones has no room for another item. Meetings need Jitsi.
          groupCallsAvailable(env()) ? (
            <Link
              href="/rooms"
              className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100"
            >
              Meetings
            </Link>
          ) : null
        }
      />
      <RoomHistoryList />
    </div>
  );
}
