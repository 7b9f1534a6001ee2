import { notFound } from "@/server/errors";
import { withErrorResponses } from "@/server/http/error-response";
import { routeCaller, routeId } from "@/server/http/route-caller";
import { deps } from "@/server/infra/deps";
import { requireMembership } from "@/server/services/chat/access";
import { readObject } from "@/server/services/profiles/avatars";

/** A group's photo, for its members only (404 for anyone else, as if there were none). */
export const GET = withErrorResponses(
  async (_req: Request, { params }: { params: Promise<{ conversationId: string }> }) => {
    const d = deps();
    const user = await routeCaller(d, "protected");
    const conversationId = routeId((await params).conversationId);
    await requireMembership(d.db, user.id, conversationId);
    const conversation = await d.db.conversation.findUnique({
      where: { id: conversationId },
      select: { avatarKey: true },
    });
    const bytes = conversation?.avatarKey ? await readObject(d, conversation.avatarKey) : null;
    if (!bytes) throw notFound("That photo");
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": "image/webp", "Cache-Control": "private, max-age=31536000, immutable" },
    });
  },
);
