import { NewMeetingForm } from "@/components/rooms/new-meeting-form";

export const metadata = { title: "New meeting" };

export default function NewMeetingPage() {
  return <NewMeetingForm />;
}
