import { auth } from "@/auth";
import { AppError } from "@/server/errors";
import { deps } from "@/server/infra/deps";
import { requireMembership } from "@/server/services/chat/access";
import { readObject } from "@/server/services/profiles/avatars";

/** A group's photo, for its members only (404 for anyone else, as if there were none). */
export async function GET(_req: Request, { params }: { params: Promise<{ conversationId: string }> }) {
  const session = await auth();
  const { conversationId } = await params;
  const notFound = new Response("Not found", { status: 404 });
  if (!session?.user || !/^[A-Za-z0-9_-]{1,64}$/.test(conversationId)) return notFound;
  const d = deps();
  try {
    await requireMembership(d.db, session.user.id, conversationId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return notFound;
    throw error;
  }
  const conversation = await d.db.conversation.findUnique({ where: { id: conversationId }, select: { avatarKey: true } });
  const bytes = conversation?.avatarKey ? await readObject(d, conversation.avatarKey) : null;
  if (!bytes) return notFound;
  return new Response(new Uint8Array(bytes), { headers: { "Content-Type": "image/webp", "Cache-Control": "private, max-age=31536000, immutable" } });
}
