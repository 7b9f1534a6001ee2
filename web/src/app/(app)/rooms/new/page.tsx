import Link from "next/link";
import { NewMeetingForm } from "@/components/rooms/new-meeting-form";
import { EmptyState } from "@/components/ui/card";
import { GROUP_CALLS_NEED_JITSI } from "@/lib/group-calls";
import { env } from "@/server/infra/env";
import { groupCallsAvailable } from "@/server/services/rooms/jitsi-availability";

export const metadata = { title: "New meeting" };

export default function NewMeetingPage() {
  if (!groupCallsAvailable(env())) {
    return (
      <EmptyState title="Meetings are not available">
        {GROUP_CALLS_NEED_JITSI}{" "}
        <Link href="/calls" className="text-ember-700 hover:underline">
          Back to calls
        </Link>
      </EmptyState>
    );
  }
  return <NewMeetingForm />;
}
