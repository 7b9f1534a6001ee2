import type { UserEvent } from "@/server/services/realtime/events";
import { testDeps } from "./deps";

/** What reaches a user's live channel (kept and ephemeral events alike) while `during` runs. */
export async function heardBy(userId: string, during: () => Promise<unknown>): Promise<UserEvent[]> {
  const heard: UserEvent[] = [];
  const stop = await testDeps()
    .hub()
    .listen(userId, (_id, event) => heard.push(event));
  await during();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await stop();
  return heard;
}
