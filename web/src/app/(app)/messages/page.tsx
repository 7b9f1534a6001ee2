import { ConversationList } from "@/components/chat/conversation-list";

export const metadata = { title: "Messages" };

export default function MessagesPage() {
  return <ConversationList />;
}
