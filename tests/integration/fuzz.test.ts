import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { beforeAll, describe, expect, it } from "vitest";
import { fuzzCases, seededRandom, type Targets } from "./access/fuzz-inputs";
import { allProcedures, callByPath } from "./access/procedures";
import { routeAccess } from "./access/access-table";
import { allRoutes, fillRoute } from "./access/routes";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { browserTrpcHeaders, callRoute, sessionCookie } from "../helpers/route-request";

// Every procedure (walked from appRouter), called as a signed-in stranger with hostile inputs and with valid-looking
// inputs aimed at another person's things: each answer is a result or a 4xx, never a 500, and nothing of that
// person changes. Seeded (FUZZ_SEED) and bounded (CASES_PER_PROCEDURE), so it is the same run every time.

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES_PER_PROCEDURE = 50;
const deps = testDeps();

interface VictimWorld {
  victim: TestUser;
  friend: TestUser;
  conversationIds: string[];
  roomIds: string[];
  targets: Targets;
}

/** Two friends who hide from everyone else (NOBODY everywhere), with a chat, a group, a room, a meeting and a call. */
async function victimWorld(): Promise<VictimWorld> {
  const closed = { profileVisibility: "NOBODY", friendRequestPolicy: "NOBODY" } as const;
  const [victim, friend] = await Promise.all([createUser(closed), createUser(closed)]);
  await makeFriends(victim, friend);
  const as = callerFor(victim);
  const direct = await as.chat.openDirect({ userId: friend.id });
  const message = await as.chat.send({ conversationId: direct.conversationId, body: "private words" });
  const group = await as.chat.createGroup({ name: "Private group", memberIds: [friend.id] });
  const groupMessage = await callerFor(friend).chat.send({ conversationId: group.conversationId, body: "group words" });
  const room = await as.rooms.forConversation({ conversationId: group.conversationId });
  const profileRoom = await as.rooms.forProfile({ userId: victim.id });
  const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const meeting = await as.rooms.createMeeting({
    title: "Private meeting",
    startsAt: at(1),
    endsAt: at(2),
    inviteeIds: [friend.id],
  });
  const call = await as.calls.start({ calleeId: friend.id, deviceId: "victim-device-01" });
  await deps.db.user.updateMany({
    where: { id: { in: [victim.id, friend.id] } },
    data: { callPolicy: "NOBODY", roomPolicy: "NOBODY" },
  });
  const request = await deps.db.friendRequest.create({
    data: { senderId: friend.id, recipientId: (await createUser()).id },
  });
  return {
    victim,
    friend,
    conversationIds: [direct.conversationId, group.conversationId],
    roomIds: [room.id, profileRoom.id, meeting.id],
    targets: {
      ids: [
        victim.id,
        friend.id,
        direct.conversationId,
        group.conversationId,
        message.id,
        groupMessage.id,
        room.id,
        profileRoom.id,
        meeting.id,
        call.id,
        request.id,
      ],
      usernames: [victim.username, friend.username],
    },
  };
}

/** Everything of the victims a stranger might reach: a refused or harmless call leaves it all as it was. */
async function victimSnapshot(world: VictimWorld): Promise<string> {
  const ids = [world.victim.id, world.friend.id];
  const db = deps.db;
  return JSON.stringify(
    await Promise.all([
      db.user.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }),
      db.friendship.findMany({ where: { userId: { in: ids } }, orderBy: [{ userId: "asc" }, { friendId: "asc" }] }),
      db.friendRequest.findMany({
        where: { OR: [{ senderId: { in: ids } }, { recipientId: { in: ids } }] },
        orderBy: { id: "asc" },
      }),
      db.block.findMany({ where: { blockerId: { in: ids } }, orderBy: [{ blockerId: "asc" }, { blockedId: "asc" }] }),
      db.conversation.findMany({ where: { id: { in: world.conversationIds } }, orderBy: { id: "asc" } }),
      db.conversationMember.findMany({
        where: { conversationId: { in: world.conversationIds } },
        orderBy: [{ conversationId: "asc" }, { userId: "asc" }],
      }),
      db.message.findMany({
        where: { conversationId: { in: world.conversationIds } },
        orderBy: { id: "asc" },
        include: { reactions: true, attachments: true },
      }),
      db.room.findMany({
        where: { id: { in: world.roomIds } },
        orderBy: { id: "asc" },
        include: { invites: true, hosts: true },
      }),
      db.call.findMany({
        where: { OR: [{ callerId: { in: ids } }, { calleeId: { in: ids } }] },
        orderBy: { id: "asc" },
      }),
      db.notification.findMany({ where: { userId: { in: ids } }, orderBy: { id: "asc" } }),
      db.pushSubscription.findMany({ where: { userId: { in: ids } }, orderBy: { id: "asc" } }),
    ]),
  );
}

/** A 5xx (or anything that is not a tRPC error) is a bug; anything else is a fine answer to a bad input. */
function serverFault(error: unknown): string | undefined {
  if (!(error instanceof TRPCError))
    return `threw a ${(error as Error)?.constructor?.name ?? typeof error}: ${String(error).slice(0, 200)}`;
  const status = getHTTPStatusCodeFromError(error);
  return status >= 500 ? `${status} ${error.code}: ${String(error.cause ?? error.message).slice(0, 300)}` : undefined;
}

/** The call's error, or undefined when it answered. */
async function failureOf(result: Promise<unknown>): Promise<{ error: unknown } | undefined> {
  try {
    const value = await result;
    // A subscription that accepted its input hands back its stream: close it unread.
    const stream = value as AsyncIterable<unknown> | undefined;
    if (stream && typeof stream === "object" && Symbol.asyncIterator in stream)
      await stream[Symbol.asyncIterator]().return?.();
    return undefined;
  } catch (error) {
    return { error };
  }
}

const procedures = allProcedures();
let world: VictimWorld;
beforeAll(async () => {
  world = await victimWorld();
});

describe("fuzzing every procedure", () => {
  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s answers hostile input with a 4xx, never a 500, and changes nothing of another person",
    async (path, { procedure }) => {
      // Own seed per procedure: adding a procedure does not change the cases of the others.
      const random = seededRandom(SEED ^ [...path].reduce((hash, c) => Math.imul(hash, 31) + c.charCodeAt(0), 7));
      const cases = fuzzCases(procedure._def.inputs[0], random, world.targets, CASES_PER_PROCEDURE);
      // A fresh stranger per procedure, so one procedure's cases never run into another's rate limits.
      const stranger = await createUser();
      const before = await victimSnapshot(world);
      const faults: string[] = [];
      for (const { label, input } of cases) {
        const failure = await failureOf(callByPath(callerFor(stranger), path, input));
        const fault = failure && serverFault(failure.error);
        if (fault) faults.push(`${path} with ${label}: ${fault}`);
      }
      expect(faults, `seed ${SEED}:\n${faults.join("\n")}`).toEqual([]);
      expect(await victimSnapshot(world), `${path} changed another person's data (seed ${SEED})`).toBe(before);
      expect(({} as Record<string, unknown>).polluted, "Object.prototype was polluted").toBeUndefined();
    },
  );
});

/** Raw requests no client of ours would send: the route must answer each with a 4xx, whatever the body holds. */
function malformedRequests(
  conversationId: string,
): Array<{ label: string; path: string; method: "GET" | "POST"; body?: string; contentType?: string }> {
  const q = (input: string) => `/api/trpc/chat.history?input=${encodeURIComponent(input)}`;
  const deepJson = `{"json":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
  const json = (meta: unknown) => JSON.stringify({ json: { conversationId, body: "hi" }, meta });
  return [
    { label: "query input that is not JSON", path: q("not json"), method: "GET" },
    { label: "query input cut short", path: q('{"json":'), method: "GET" },
    { label: "query input nested 100k deep", path: q(deepJson), method: "GET" },
    {
      label: "superjson: a bigint that is not a number",
      path: q(JSON.stringify({ json: { conversationId: "x" }, meta: { values: { conversationId: ["bigint"] } } })),
      method: "GET",
    },
    {
      label: "superjson: an unknown custom type",
      path: q(
        JSON.stringify({ json: { conversationId: "x" }, meta: { values: { conversationId: [["custom", "nope"]] } } }),
      ),
      method: "GET",
    },
    {
      label: "a batch of 200 calls",
      path: `/api/trpc/${Array(200).fill("chat.history").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, { json: { conversationId } }]))))}`,
      method: "GET",
    },
    { label: "a procedure that does not exist", path: "/api/trpc/chat.nothing", method: "GET" },
    { label: "a mutation asked for with GET", path: q("{}").replace("chat.history", "chat.send"), method: "GET" },
    { label: "a body that is not JSON", path: "/api/trpc/chat.send", method: "POST", body: "not json" },
    { label: "an empty body", path: "/api/trpc/chat.send", method: "POST", body: "" },
    { label: "a body nested 100k deep", path: "/api/trpc/chat.send", method: "POST", body: deepJson },
    {
      label: "a 5 MB body",
      path: "/api/trpc/chat.send",
      method: "POST",
      body: JSON.stringify({ json: { conversationId, body: "x".repeat(5_000_000) } }),
    },
    {
      label: "superjson: __proto__ in a value path",
      path: "/api/trpc/chat.send",
      method: "POST",
      body: json({ values: { "__proto__.polluted": ["undefined"] } }),
    },
    {
      label: "superjson: a referential equality to __proto__",
      path: "/api/trpc/chat.send",
      method: "POST",
      body: json({ referentialEqualities: { conversationId: ["__proto__.polluted"] } }),
    },
    {
      label: "superjson: a value path that does not exist",
      path: "/api/trpc/chat.send",
      method: "POST",
      body: json({ values: { "a.b.c.d": ["Date"] } }),
    },
    {
      label: "a form body",
      path: "/api/trpc/chat.send",
      method: "POST",
      body: "conversationId=x&body=y",
      contentType: "application/x-www-form-urlencoded",
    },
    {
      label: "a multipart body that is not multipart",
      path: "/api/trpc/chat.send",
      method: "POST",
      body: "--x\r\nnope",
      contentType: "multipart/form-data; boundary=x",
    },
  ];
}

describe("the tRPC route itself", () => {
  it("answers malformed requests from a signed-in user with a 4xx, never a 500, changing nothing", async () => {
    const trpcRoute = await import("@/app/api/trpc/[trpc]/route");
    const stranger = await createUser();
    const cookie = await sessionCookie(stranger.id);
    // The session works through the route (else every answer below would be a mere 401).
    const me = await callRoute(
      trpcRoute.GET,
      "/api/trpc/account.me",
      { trpc: "account.me" },
      { cookie, headers: browserTrpcHeaders() },
    );
    expect(me.status).toBe(200);
    expect(await me.text()).toContain(stranger.username);
    const before = await victimSnapshot(world);
    const faults: string[] = [];
    for (const request of malformedRequests(world.conversationIds[0]!)) {
      const procedurePath = new URL(request.path, "http://x").pathname.slice("/api/trpc/".length);
      const handler = request.method === "GET" ? trpcRoute.GET : trpcRoute.POST;
      const headers = { ...browserTrpcHeaders(), "content-type": request.contentType ?? "application/json" };
      const response = await callRoute(
        handler,
        request.path,
        { trpc: procedurePath },
        { cookie, method: request.method, body: request.body, headers },
      );
      const text = await response.text();
      if (response.status >= 500 || /INTERNAL_SERVER_ERROR/.test(text))
        faults.push(`${request.label}: ${response.status} ${text.slice(0, 200)}`);
    }
    expect(faults, faults.join("\n")).toEqual([]);
    expect(await victimSnapshot(world)).toBe(before);
    expect(({} as Record<string, unknown>).polluted, "Object.prototype was polluted").toBeUndefined();
  });
});

describe("route handlers", () => {
  it("answer hostile path parameters from a signed-in user with a 4xx, never a 500", async () => {
    const stranger = await createUser();
    const cookie = await sessionCookie(stranger.id);
    const values = [
      "",
      "a\u0000b",
      "x".repeat(10_000),
      "../../etc/passwd",
      "%2e%2e%2f",
      "\u202Eevil",
      "👨‍👩‍👧",
      "' OR 1=1 --",
      ...world.targets.ids,
    ];
    const faults: string[] = [];
    for (const route of await allRoutes()) {
      // Auth.js's own endpoints are its code, not ours; the tRPC transport is fuzzed above.
      if (
        route.pattern.startsWith("/api/auth/") ||
        route.pattern.startsWith("/api/trpc/") ||
        routeAccess[route.key]?.access === "public"
      )
        continue;
      for (const value of values) {
        const { path, params } = fillRoute(route.pattern, value);
        const init =
          route.method === "GET"
            ? { cookie }
            : { cookie, method: route.method, headers: { "content-type": "application/json" }, body: "{}" };
        const response = await callRoute(route.handler, encodeURI(path), params, init);
        if (response.status >= 500)
          faults.push(`${route.key} with ${JSON.stringify(value.slice(0, 40))}: ${response.status}`);
      }
    }
    expect(faults, faults.join("\n")).toEqual([]);
  });
});
