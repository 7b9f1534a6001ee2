import "server-only";
import type { Deps } from "../../infra/deps";

export async function updateNotificationSettings(
  deps: Deps,
  userId: string,
  input: { emailUnreadMessages: boolean },
): Promise<void> {
  await deps.db.user.update({ where: { id: userId }, data: { emailUnreadMessages: input.emailUnreadMessages } });
}
