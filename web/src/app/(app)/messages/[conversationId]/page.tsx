import { Thread } from "@/components/chat/thread";

export const metadata = { title: "Messages" };

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  return <Thread key={conversationId} conversationId={decodeURIComponent(conversationId)} />;
}
