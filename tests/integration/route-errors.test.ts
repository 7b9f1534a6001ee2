import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GET as attachmentRoute } from "@/app/api/attachments/[attachmentId]/route";
import { GET as avatarRoute } from "@/app/api/avatars/[userId]/route";
import { GET as groupAvatarRoute } from "@/app/api/conversations/[conversationId]/avatar/route";
import { GET as exportRoute } from "@/app/api/exports/[exportId]/route";
import { POST as jitsiRoute } from "@/app/api/jitsi/events/[...event]/route";
import { GET as icsRoute } from "@/app/api/rooms/[roomId]/ics/route";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { AppError } from "@/server/errors";
import type { ErrorBody } from "@/server/http/error-response";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { browserTrpcHeaders, callRoute, sessionCookie } from "../helpers/route-request";

// Every route handler answers each AppError with its own status and the same JSON body: { error: { code, message,
// fieldErrors?, retryAt? } }, with Retry-After on a rate limit. NOT_FOUND (outsiders) is covered by outsiders.test.ts.

const deps = testDeps();
const as = (u: TestUser) => callerFor(u);
const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

interface Answer {
  status: number;
  retryAfter: string | null;
  body: ErrorBody | null;
  /** The clock just before the request and when its answer was in: bounds for the Retry-After it computed. */
  sentAt: number;
  answeredAt: number;
}

async function answer(request: () => Promise<Response>): Promise<Answer> {
  const sentAt = Date.now();
  const response = await request();
  const answeredAt = Date.now();
  const text = await response.text();
  const json =
    response.headers.get("content-type")?.startsWith("application/json") && text
      ? (JSON.parse(text) as ErrorBody)
      : null;
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: json, sentAt, answeredAt };
}

/** Retry-After is the whole seconds from when the server answered until retryAt. */
function expectRetryAfter(header: string | null, retryAt: number, sentAt: number, answeredAt: number) {
  const seconds = Number(header);
  expect(Number.isInteger(seconds) && seconds >= 1, `Retry-After ${header}`).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(Math.max(1, Math.ceil((retryAt - answeredAt) / 1000)));
  expect(seconds).toBeLessThanOrEqual(Math.max(1, Math.ceil((retryAt - sentAt) / 1000)));
}

/** Uses up `user`'s download limit (600 a minute), so their next download is refused. */
async function exhaustDownloads(user: TestUser) {
  for (let i = 0; i <= 600; i++) {
    const refused = await deps.limits.downloadsPerUser.consume(user.id).then(
      () => false,
      (error: unknown) => error instanceof AppError && error.code === "TOO_MANY_REQUESTS",
    );
    if (refused) return;
  }
  throw new Error("the download limit never refused");
}

/** A rate-limited answer: 429, the limit's words, when to retry in the body, and Retry-After to match. */
function expectRateLimited(result: Answer, words: RegExp) {
  expect(result.status).toBe(429);
  expect(result.body?.error).toMatchObject({
    code: "TOO_MANY_REQUESTS",
    message: expect.stringMatching(words),
    retryAt: expect.any(Number),
  });
  expectRetryAfter(result.retryAfter, result.body!.error.retryAt!, result.sentAt, result.answeredAt);
}

const TOTP_REFUSAL = {
  code: "FORBIDDEN",
  message: "Admins must turn on two-factor authentication first (Settings → Security).",
};

async function uploadImage(user: TestUser): Promise<string> {
  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
  const { uploadKey, url, headers } = await as(user).profile.createAvatarUpload({
    contentType: "image/png",
    size: png.length,
  });
  expect((await fetch(url, { method: "PUT", headers, body: new Uint8Array(png) })).status).toBe(200);
  return uploadKey;
}

/** A group whose admin is a site admin without 2FA (a real session of theirs says needsTotp), with a photo and a file. */
async function groupWithFiles() {
  const [admin, member] = await Promise.all([createUser({ role: "ADMIN" }), createUser()]);
  await makeFriends(admin, member);
  const { conversationId } = await as(admin).chat.createGroup({ name: "Files", memberIds: [member.id] });
  await as(admin).chat.setAvatar({ conversationId, uploadKey: await uploadImage(admin) });
  const bytes = Buffer.from("%PDF-1.4 notes");
  const created = await as(member).chat.createAttachmentUpload({
    conversationId,
    name: "notes.pdf",
    contentType: "application/pdf",
    size: bytes.length,
  });
  expect(
    (await fetch(created.url, { method: "PUT", headers: created.headers, body: new Uint8Array(bytes) })).status,
  ).toBe(200);
  await as(member).chat.send({ conversationId, body: "", attachmentIds: [created.attachmentId] });
  return { admin, member, conversationId, attachmentId: created.attachmentId };
}

describe("private file routes", () => {
  it("GET /api/attachments/[attachmentId]: 429 with Retry-After over the download limit; 403 to an admin without 2FA", async () => {
    const { admin, member, attachmentId } = await groupWithFiles();
    const get = async (user: TestUser) => {
      const cookie = await sessionCookie(user.id);
      return answer(() => callRoute(attachmentRoute, `/api/attachments/${attachmentId}`, { attachmentId }, { cookie }));
    };
    expect((await get(member)).status).toBe(302);
    expect(await get(admin)).toMatchObject({ status: 403, body: { error: TOTP_REFUSAL } });
    await exhaustDownloads(member);
    expectRateLimited(await get(member), /^Too many downloads\. Try again in \d+ seconds\.$/);
  });

  it("GET /api/conversations/[conversationId]/avatar: 429 with Retry-After over the limit; 403 to an admin without 2FA", async () => {
    const { admin, member, conversationId } = await groupWithFiles();
    const get = async (user: TestUser) => {
      const cookie = await sessionCookie(user.id);
      return answer(() =>
        callRoute(groupAvatarRoute, `/api/conversations/${conversationId}/avatar`, { conversationId }, { cookie }),
      );
    };
    expect((await get(member)).status).toBe(200);
    expect(await get(admin)).toMatchObject({ status: 403, body: { error: TOTP_REFUSAL } });
    await exhaustDownloads(member);
    expectRateLimited(await get(member), /^Too many downloads/);
  });

  it("GET /api/rooms/[roomId]/ics: 429 with Retry-After over the limit; 403 to an admin without 2FA", async () => {
    const [owner, admin] = await Promise.all([createUser(), createUser({ role: "ADMIN" })]);
    await makeFriends(owner, admin);
    const meeting = await as(owner).rooms.createMeeting({
      title: "Plans",
      startsAt: hour(1),
      endsAt: hour(2),
      inviteeIds: [admin.id],
    });
    const get = async (user: TestUser) => {
      const cookie = await sessionCookie(user.id);
      return answer(() => callRoute(icsRoute, `/api/rooms/${meeting.id}/ics`, { roomId: meeting.id }, { cookie }));
    };
    expect((await get(owner)).status).toBe(200);
    expect(await get(admin)).toMatchObject({ status: 403, body: { error: TOTP_REFUSAL } });
    await exhaustDownloads(owner);
    expectRateLimited(await get(owner), /^Too many downloads/);
  });

  it("GET /api/exports/[exportId]: an admin without 2FA still gets their own data; 429 with Retry-After over the limit", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const row = await deps.db.dataExport.create({
      data: {
        userId: admin.id,
        status: "READY",
        key: `exports/${admin.id}/test-${Date.now()}.zip`,
        size: 10,
        readyAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const get = async () => {
      const cookie = await sessionCookie(admin.id);
      return answer(() => callRoute(exportRoute, `/api/exports/${row.id}`, { exportId: row.id }, { cookie }));
    };
    expect((await get()).status).toBe(302);
    await exhaustDownloads(admin);
    expectRateLimited(await get(), /^Too many downloads/);
  });

  it("GET /api/avatars/[userId]: an admin without 2FA still sees photos; 429 with Retry-After over the limit", async () => {
    const [owner, admin] = await Promise.all([createUser(), createUser({ role: "ADMIN" })]);
    await as(owner).profile.confirmAvatar({ uploadKey: await uploadImage(owner) });
    const get = async () => {
      const cookie = await sessionCookie(admin.id);
      return answer(() => callRoute(avatarRoute, `/api/avatars/${owner.id}`, { userId: owner.id }, { cookie }));
    };
    expect((await get()).status).toBe(200);
    await exhaustDownloads(admin);
    expectRateLimited(await get(), /^Too many downloads/);
  });
});

describe("POST /api/jitsi/events/[...event]", () => {
  const post = async (init: { headers?: Record<string, string>; body: string }) =>
    answer(() =>
      callRoute(
        jitsiRoute,
        "/api/jitsi/events/room/created",
        { event: ["room", "created"] },
        { method: "POST", headers: { "content-type": "application/json", ...init.headers }, body: init.body },
      ),
    );
  const secret = { "x-hearth-webhook-secret": process.env.JITSI_WEBHOOK_SECRET! };

  it("401 for a wrong secret, 400 with fieldErrors for a bad payload, 413 for an oversized one, each as an error body", async () => {
    expect(await post({ headers: { "x-hearth-webhook-secret": "wrong" }, body: "{}" })).toMatchObject({
      status: 401,
      body: { error: { code: "UNAUTHORIZED" } },
    });
    const invalid = await post({
      headers: secret,
      body: JSON.stringify({ event_name: "muc-room-created", room_jid: "r@muc.example", is_breakout: false }),
    });
    expect(invalid).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "BAD_REQUEST",
          fieldErrors: { room_name: [expect.any(String)], created_at: [expect.any(String)] },
        },
      },
    });
    const huge = await post({ headers: secret, body: JSON.stringify({ padding: "x".repeat(1024 * 1024) }) });
    expect(huge).toMatchObject({
      status: 413,
      body: { error: { code: "PAYLOAD_TOO_LARGE", message: "Payload too large." } },
    });
  });
});

describe("/api/trpc/[trpc]", () => {
  it("refuses a cross-site write with 403 and the common error body", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    const refused = await answer(() =>
      callRoute(
        trpcPost,
        "/api/trpc/friends.sendRequest",
        { trpc: "friends.sendRequest" },
        {
          method: "POST",
          cookie,
          headers: { origin: "https://evil.example", "content-type": "application/json" },
          body: "{}",
        },
      ),
    );
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN", message: expect.any(String) } } });
  });

  it("answers a rate-limited procedure 429 with Retry-After, and fieldErrors and retryAt in the error's data", async () => {
    const user = await createUser();
    for (let i = 0; i < 60; i++) await deps.limits.searchPerUser.consume(user.id);
    const input = encodeURIComponent(JSON.stringify({ json: { query: "anyone" } }));
    const cookie = await sessionCookie(user.id);
    const sentAt = Date.now();
    const response = await callRoute(
      trpcGet,
      `/api/trpc/search.users?input=${input}`,
      { trpc: "search.users" },
      { cookie, headers: browserTrpcHeaders() },
    );
    const answeredAt = Date.now();
    const body = (await response.json()) as {
      error: { json: { message: string; data: { code: string; retryAt?: number } } };
    };
    expect(response.status).toBe(429);
    expect(body.error.json.data).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAt: expect.any(Number) });
    expectRetryAfter(response.headers.get("retry-after"), body.error.json.data.retryAt!, sentAt, answeredAt);
  });
});
