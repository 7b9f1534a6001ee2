import { MeetingsList } from "@/components/rooms/meetings-list";

export const metadata = { title: "Meetings" };

export default function MeetingsPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <MeetingsList />
    </div>
  );
}
