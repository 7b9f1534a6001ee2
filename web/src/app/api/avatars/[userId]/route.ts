import { notFound } from "@/server/errors";
import { withErrorResponses } from "@/server/http/error-response";
import { routeCaller, routeId } from "@/server/http/route-caller";
import { deps } from "@/server/infra/deps";
import { readObject } from "@/server/services/profiles/avatars";
import { getRelationship } from "@/server/services/social/relationship";

/**
 * Serves a user's avatar to signed-in viewers who are not blocked either way (404 otherwise, as if none existed).
 * An admin without 2FA still sees photos: Settings, which they can reach, shows their own.
 */
export const GET = withErrorResponses(async (_req: Request, { params }: { params: Promise<{ userId: string }> }) => {
  const d = deps();
  const viewer = await routeCaller(d, "security");
  const userId = routeId((await params).userId);
  const user = await d.db.user.findUnique({ where: { id: userId }, select: { avatarKey: true } });
  if (!user?.avatarKey || (await getRelationship(d.db, viewer.id, userId)).blocked) throw notFound("That photo");
  const bytes = await readObject(d, user.avatarKey);
  if (!bytes) throw notFound("That photo");
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "image/webp", "Cache-Control": "private, max-age=31536000, immutable" },
  });
});
