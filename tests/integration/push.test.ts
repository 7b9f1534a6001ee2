import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUSH_QUEUE } from "@/server/infra/queues";
import { sendPushJob } from "@/server/services/push/send-push";
import { PUSH_SUBSCRIPTIONS_PER_USER } from "@/server/services/push/subscriptions";
import { browserKeys, startPushService } from "../helpers/push-service";
import { callerFor, createUser, testDeps } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();
const pushQueue = new Queue(PUSH_QUEUE, { connection: deps.redis });
const browsers = new Map<string, ReturnType<typeof browserKeys>>();
let service: Awaited<ReturnType<typeof startPushService>>;
beforeAll(async () => {
  service = await startPushService(browsers, (path) =>
    path.startsWith("/gone/") ? 410 : path.startsWith("/moved/") ? 307 : 201,
  );
});
afterAll(async () => {
  await Promise.all([service.close(), pushQueue.close()]);
});

async function subscribe(user: { id: string }, path: string) {
  const browser = browserKeys();
  browsers.set(path, browser);
  await callerFor(user).push.subscribe({
    endpoint: `${service.origin}${path}`,
    keys: browser.keys,
    userAgent: "Test Browser",
  });
  return browser;
}

describe("Web Push", () => {
  it("publishes the VAPID public key browsers subscribe with", async () => {
    expect(await callerFor(null).push.publicKey()).toBe(deps.env.VAPID_PUBLIC_KEY);
  });

  it("delivers a friend request to each subscribed browser: VAPID-signed, encrypted for that browser only", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    await subscribe(b, `/push/${b.id}/laptop`);
    await subscribe(b, `/push/${b.id}/phone`);
    await callerFor(a).friends.sendRequest({ userId: b.id });
    // The notification queued a push job; the worker's processor (run here directly) delivers it.
    const jobs = (await pushQueue.getJobs(["waiting", "delayed", "active", "completed"])).filter(
      (j) => j?.data.userId === b.id,
    );
    expect(jobs).toHaveLength(1);
    expect(await sendPushJob(deps, jobs[0]!.data)).toEqual({ delivered: 2, removed: 0 });
    const mine = service.received.filter((r) => r.path.startsWith(`/push/${b.id}/`));
    expect(mine).toHaveLength(2);
    for (const push of mine) {
      expect(push.headers).toMatchObject({ "content-encoding": "aes128gcm", ttl: "3600", urgency: "normal" });
      expect(push.vapid.signatureValid).toBe(true);
      expect(push.vapid.publicKey).toBe(deps.env.VAPID_PUBLIC_KEY);
      expect(push.vapid.claims).toMatchObject({ aud: service.origin, sub: "mailto:tests@hearth.local" });
      expect(Number(push.vapid.claims.exp) * 1000).toBeGreaterThan(Date.now());
      expect(Number(push.vapid.claims.exp) * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
      expect(push.payload).toEqual({
        title: "New friend request",
        body: `${a.displayName} wants to be friends`,
        url: "/friends?tab=requests",
        tag: `friend-request-${a.id}`,
      });
    }
  });

  it("sends only to known push services: any other endpoint is refused and nothing is stored", async () => {
    const user = await createUser();
    for (const endpoint of [
      "https://evil.example/push",
      "http://169.254.169.254/latest/meta-data",
      "http://127.0.0.1.evil.example/push",
      "http://user:pw@127.0.0.1/push",
      "file:///etc/passwd",
    ]) {
      await expectTrpcError(callerFor(user).push.subscribe({ endpoint, keys: browserKeys().keys }), "BAD_REQUEST");
    }
    expect(await deps.db.pushSubscription.count({ where: { userId: user.id } })).toBe(0);
  });

  it("never follows a redirect from a push service", async () => {
    const user = await createUser();
    await subscribe(user, `/moved/${user.id}`);
    await expect(sendPushJob(deps, { userId: user.id, title: "t", body: "b", url: "/" })).rejects.toThrow(
      /answered 307/,
    );
    expect(service.received.filter((r) => r.path.startsWith("/redirected/"))).toEqual([]);
  });

  it("keeps the 20 most recent browsers per person", async () => {
    const user = await createUser();
    for (let i = 0; i < PUSH_SUBSCRIPTIONS_PER_USER + 1; i++) await subscribe(user, `/push/${user.id}/device-${i}`);
    const kept = await deps.db.pushSubscription.findMany({ where: { userId: user.id }, select: { endpoint: true } });
    expect(kept).toHaveLength(PUSH_SUBSCRIPTIONS_PER_USER);
    expect(kept.map((k) => k.endpoint)).not.toContain(`${service.origin}/push/${user.id}/device-0`);
  });

  it("forgets subscriptions the push service says are gone", async () => {
    const user = await createUser();
    await subscribe(user, `/gone/${user.id}`);
    expect(await sendPushJob(deps, { userId: user.id, title: "t", body: "b", url: "/" })).toEqual({
      delivered: 0,
      removed: 1,
    });
    expect(await deps.db.pushSubscription.count({ where: { userId: user.id } })).toBe(0);
  });

  it("lets only the owner unsubscribe, refuses malformed subscriptions, and needs sign-in", async () => {
    const [owner, other] = await Promise.all([createUser(), createUser()]);
    await subscribe(owner, `/push/${owner.id}/x`);
    const endpoint = `${service.origin}/push/${owner.id}/x`;
    await callerFor(other).push.unsubscribe({ endpoint });
    expect(await deps.db.pushSubscription.count({ where: { endpoint } })).toBe(1);
    await callerFor(owner).push.unsubscribe({ endpoint });
    expect(await deps.db.pushSubscription.count({ where: { endpoint } })).toBe(0);
    await expectTrpcError(
      callerFor(owner).push.subscribe({ endpoint: "javascript:alert(1)", keys: browserKeys().keys }),
      "BAD_REQUEST",
    );
    await expectTrpcError(
      callerFor(owner).push.subscribe({ endpoint, keys: { p256dh: "short", auth: "x" } }),
      "BAD_REQUEST",
    );
    await expectTrpcError(callerFor(null).push.subscribe({ endpoint, keys: browserKeys().keys }), "UNAUTHORIZED");
  });
});
