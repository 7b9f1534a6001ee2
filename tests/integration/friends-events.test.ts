import { describe, expect, it } from "vitest";
import { heardBy } from "../helpers/listen";
import { callerFor, createUser, makeFriends } from "../helpers/deps";

describe("friends.changed events", () => {
  it("reach both people when a friendship starts, ends, or a block ends it", async () => {
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    const sent = (await callerFor(a).friends.sendRequest({ userId: b.id })) as { requestId: string };
    const onAccept = await heardBy(a.id, () => callerFor(b).friends.acceptRequest({ requestId: sent.requestId }));
    expect(onAccept).toContainEqual({ type: "friends.changed" });
    const onUnfriend = await heardBy(b.id, () => callerFor(a).friends.unfriend({ userId: b.id }));
    expect(onUnfriend).toContainEqual({ type: "friends.changed" });
    await makeFriends(a, c);
    const onBlock = await heardBy(c.id, () => callerFor(a).friends.block({ userId: c.id }));
    expect(onBlock).toContainEqual({ type: "friends.changed" });
  });
});
