import { describe, expect, it } from "vitest";
import { callerFor, createUser, makeFriends } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

describe("writes per person", () => {
  it("are capped at 120 a minute across every write, so nobody can flood others; streaming writes have their own limits", async () => {
    // The limiter's sliding window estimates across epoch-aligned minutes: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
    const [ada, bob] = await Promise.all([createUser(), createUser()]);
    await makeFriends(ada, bob);
    const { conversationId } = await callerFor(ada).chat.openDirect({ userId: bob.id });
    // openDirect was one write; 119 more of a cheap one use up the minute.
    for (let i = 0; i < 119; i++)
      await callerFor(ada).push.unsubscribe({ endpoint: `https://fcm.googleapis.com/fcm/send/${i}` });
    const refused = await expectTrpcError(
      callerFor(ada).chat.send({ conversationId, body: "one too many" }),
      "TOO_MANY_REQUESTS",
      /too often/,
    );
    expect(refused.message).toMatch(/Try again in \d+ seconds/);
    // Typing indicators are not counted here (they have their own, tighter limit).
    await callerFor(ada).chat.typing({ conversationId });
    // Another person is not affected.
    await callerFor(bob).chat.send({ conversationId, body: "hello" });
  });
});
