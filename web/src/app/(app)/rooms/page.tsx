import { MeetingsList } from "@/components/rooms/meetings-list";

export const metadata = { title: "Meetings" };

export default function MeetingsPage() {
  return <MeetingsList />;
}
