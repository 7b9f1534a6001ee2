import type { ReactNode } from "react";
import { MessagesFrame } from "@/components/chat/messages-frame";

export default function MessagesLayout({ children }: { children: ReactNode }) {
  return <MessagesFrame>{children}</MessagesFrame>;
}
