import "server-only";
import type { Deps } from "@/server/infra/deps";

/** What the signed-in frame shows about its user: the nav's name and the banners (deletion scheduled, 2FA required, unconfirmed email). */
export interface ShellUser {
  id: string;
  username: string;
  displayName: string;
  needsTotp: boolean;
  emailVerified: boolean;
  deletionScheduledAt: string | null;
}

export async function loadShellUser(
  deps: Pick<Deps, "db">,
  user: { id: string; needsTotp: boolean },
): Promise<ShellUser> {
  const me = await deps.db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { username: true, displayName: true, emailVerifiedAt: true, deletionScheduledAt: true },
  });
  return {
    id: user.id,
    username: me.username,
    displayName: me.displayName,
    needsTotp: user.needsTotp,
    emailVerified: me.emailVerifiedAt !== null,
    deletionScheduledAt: me.deletionScheduledAt?.toISOString() ?? null,
  };
}
