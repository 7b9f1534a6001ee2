import { CallHistory } from "@/components/calls/call-history";

export const metadata = { title: "Calls" };

export default function CallsPage() {
  return <CallHistory />;
}
