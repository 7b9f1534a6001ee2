import { PickConversation } from "@/components/chat/messages-frame";

export const metadata = { title: "Messages" };

export default function MessagesPage() {
  return <PickConversation />;
}
