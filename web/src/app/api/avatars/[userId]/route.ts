import { auth } from "@/auth";
import { deps } from "@/server/infra/deps";
import { readObject } from "@/server/services/profiles/avatars";
import { getRelationship } from "@/server/services/social/relationship";

/** Serves a user's avatar to signed-in viewers who are not blocked either way (404 otherwise, as if none existed). */
export async function GET(_req: Request, { params }: { params: Promise<{ userId: string }> }) {
  const session = await auth();
  const { userId } = await params;
  if (!session?.user || !/^[A-Za-z0-9_-]{1,64}$/.test(userId)) return new Response("Not found", { status: 404 });
  const d = deps();
  const user = await d.db.user.findUnique({ where: { id: userId }, select: { avatarKey: true } });
  if (!user?.avatarKey) return new Response("Not found", { status: 404 });
  const relationship = await getRelationship(d.db, session.user.id, userId);
  if (relationship.blocked) return new Response("Not found", { status: 404 });
  const bytes = await readObject(d, user.avatarKey);
  if (!bytes) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "image/webp", "Cache-Control": "private, max-age=31536000, immutable" },
  });
}
