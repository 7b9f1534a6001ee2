import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserEvent } from "@/server/services/realtime/events";
import { compareEventIds, publishToUsers, streamKey } from "@/server/services/realtime/event-stream";
import { userEventStream } from "@/server/services/realtime/user-event-stream";
import { apiClient, startApiServer } from "../helpers/api-client";
import { createUser, makeFriends, testDeps, unique } from "../helpers/deps";

const deps = testDeps();
const realtime = { redis: deps.redis, hub: deps.hub() };
const changed = (n: number): UserEvent => ({ type: "conversation.changed", conversationId: `c${n}` });

/** Reads `count` items from a user's event stream, then stops it. */
async function take(userId: string, lastEventId: string | null, count: number, whileOpen?: () => Promise<void>) {
  const controller = new AbortController();
  const iterator = userEventStream(realtime, userId, lastEventId, controller.signal);
  const first = iterator.next(); // subscribes, reads the backlog
  const got: { id: string; event: UserEvent }[] = [];
  await new Promise((resolve) => setTimeout(resolve, 50));
  const during = whileOpen?.();
  let next = await first;
  while (!next.done) {
    if (next.value.event.type !== "ready") got.push(next.value);
    if (got.length === count) break;
    next = await iterator.next();
  }
  controller.abort();
  await iterator.return(undefined);
  await during;
  return got;
}

describe("per-user event streams", () => {
  it("resume after the last id seen: the rest of the backlog, then live events, in order", async () => {
    const user = unique("rt");
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(...(await publishToUsers(deps.redis, [user], changed(i))));
    const got = await take(user, ids[1]!, 4, async () => {
      await publishToUsers(deps.redis, [user], changed(6));
    });
    expect(got.map((g) => (g.event as { conversationId: string }).conversationId)).toEqual(["c3", "c4", "c5", "c6"]);
    expect(got.slice(0, 3).map((g) => g.id)).toEqual(ids.slice(2));
  });

  it("lose and duplicate nothing when events keep arriving while the backlog is read", async () => {
    const user = unique("rt");
    const [start] = await publishToUsers(deps.redis, [user], changed(0));
    for (let i = 1; i <= 100; i++) await publishToUsers(deps.redis, [user], changed(i));
    const got = await take(user, start!, 300, async () => {
      for (let i = 101; i <= 300; i++) await publishToUsers(deps.redis, [user], changed(i));
    });
    expect(got.map((g) => (g.event as { conversationId: string }).conversationId)).toEqual(
      Array.from({ length: 300 }, (_, i) => `c${i + 1}`),
    );
    for (let i = 1; i < got.length; i++) expect(compareEventIds(got[i - 1]!.id, got[i]!.id)).toBe(-1);
  });

  it("tell a client to resynchronise when what it missed was trimmed or expired", async () => {
    const user = unique("rt");
    const [old] = await publishToUsers(deps.redis, [user], changed(1));
    await publishToUsers(deps.redis, [user], changed(2));
    await publishToUsers(deps.redis, [user], changed(3));
    await deps.redis.xtrim(streamKey(user), "MAXLEN", 1); // c2, which the client never saw, is gone
    expect((await take(user, old!, 1))[0]!.event).toEqual({ type: "resync" });
    await deps.redis.del(streamKey(user));
    expect((await take(user, old!, 1))[0]!.event).toEqual({ type: "resync" });
  });

  it("keep each user's events to that user", async () => {
    const [a, b] = [unique("rt"), unique("rt")];
    const got = await take(a, null, 1, async () => {
      await publishToUsers(deps.redis, [b], changed(1));
      await publishToUsers(deps.redis, [a], changed(2));
    });
    expect(got.map((g) => g.event)).toEqual([changed(2)]);
  });
});

describe("two web server processes", () => {
  let one: Awaited<ReturnType<typeof startApiServer>>;
  let two: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    [one, two] = await Promise.all([startApiServer(), startApiServer()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });

  /** Subscribes through the HTTP API (SSE) and collects events until `until` says stop. */
  function subscribe(
    url: string,
    userId: string,
    lastEventId: string | null,
    until: (events: { id: string; data: UserEvent }[]) => boolean,
  ) {
    const events: { id: string; data: UserEvent }[] = [];
    const done = new Promise<{ id: string; data: UserEvent }[]>((resolve, reject) => {
      const subscription = apiClient(url, userId).events.stream.subscribe(
        { lastEventId },
        {
          onData: (envelope) => {
            // Kept events arrive as tracked envelopes { id, data }; ephemeral ones (ready, presence) bare.
            events.push(
              "data" in envelope
                ? (envelope as { id: string; data: UserEvent })
                : { id: "", data: envelope as UserEvent },
            );
            if (until(events)) {
              subscription.unsubscribe();
              resolve(events);
            }
          },
          onError: reject,
        },
      );
    });
    return { done };
  }

  it("deliver a message sent through one process live to a subscriber on the other, and resume after a drop", async () => {
    const [ada, bob] = await Promise.all([createUser(), createUser()]);
    await makeFriends(ada, bob);
    const { conversationId } = await apiClient(two.url, bob.id).chat.openDirect.mutate({ userId: ada.id });

    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const live = subscribe(one.url, ada.id, null, (events) => {
      if (events.at(-1)?.data.type === "ready") ready();
      return events.some((e) => e.data.type === "message.created");
    });
    await isReady; // subscribed on the server: nothing sent from now on can be missed
    const sent = await apiClient(two.url, bob.id).chat.send.mutate({ conversationId, body: "hello across processes" });
    const received = await live.done;
    const created = received.find((e) => e.data.type === "message.created")!;
    expect(created.data).toEqual({ type: "message.created", message: { ...sent } });
    expect(created.id).toMatch(/^\d+-\d+$/);

    // The connection is gone; two more messages are sent; reconnecting with the last id gets exactly those two.
    const missed = [
      await apiClient(two.url, bob.id).chat.send.mutate({ conversationId, body: "while you were away 1" }),
      await apiClient(two.url, bob.id).chat.send.mutate({ conversationId, body: "while you were away 2" }),
    ];
    const resumed = await subscribe(
      one.url,
      ada.id,
      created.id,
      (events) => events.filter((e) => e.data.type === "message.created").length >= 2,
    ).done;
    expect(resumed.filter((e) => e.data.type === "message.created").map((e) => e.data)).toEqual(
      missed.map((message) => ({ type: "message.created", message })),
    );
  });

  it("refuse a stream to a signed-out caller", async () => {
    // Over SSE, tRPC reports the error as the stream's one event and ends it.
    const response = await fetch(`${one.url}/events.stream`, { headers: { accept: "text/event-stream" } });
    const body = await response.text();
    expect(body).toMatch(/^event: serialized-error\ndata: .*"code":"UNAUTHORIZED"/m);
    expect(body).not.toMatch(/^event: message$/m);
  });
});
