import path from "node:path";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { procedureAccess, routeAccess, type AccessEntry } from "./access/access-table";
import { allProcedures, callByPath } from "./access/procedures";
import { allRoutes, fillRoute, type RouteInfo } from "./access/routes";
import { declaredTests, type DeclaredTest } from "./access/test-names";
import { callerFor, createUser, makeFriends, socialSnapshot } from "../helpers/deps";
import { browserTrpcHeaders, callRoute } from "../helpers/route-request";

const TABLE_FILE = "tests/integration/access/access-table.ts";
const TESTS_DIR = import.meta.dirname;
const procedures = allProcedures();
let routes: RouteInfo[] = [];
beforeAll(async () => {
  routes = await allRoutes();
});

const testsByFile = new Map<string, DeclaredTest[]>();
function testsOf(file: string): DeclaredTest[] {
  if (!testsByFile.has(file)) {
    try {
      testsByFile.set(file, declaredTests(path.join(TESTS_DIR, file)));
    } catch {
      testsByFile.set(file, []);
    }
  }
  return testsByFile.get(file)!;
}

/** What is wrong with an entry's `refusedBy` (undefined: it names a test that exists and, for a procedure, calls it). */
function refusedByProblem(entry: AccessEntry, procedurePath?: string): string | undefined {
  if (!entry.refusedBy) return entry.access === "public" ? undefined : "has no refusedBy";
  const [file, ...names] = entry.refusedBy.split(" › ");
  if (!file?.endsWith(".test.ts") || names.length === 0)
    return `refusedBy "${entry.refusedBy}" is not "<file>.test.ts › <describe> › <test>"`;
  const fullName = names.join(" › ");
  const test = testsOf(file).find((t) => t.matches(fullName));
  if (!test) return `refusedBy names no test: no "${fullName}" in tests/integration/${file}`;
  // The matrix's own generic tests call every procedure by path; any other test must call this one by name.
  const leaf = procedurePath?.split(".").at(-1);
  const calls = leaf && (new RegExp(`\\b${leaf}\\s*[(:]`).test(test.source) || test.source.includes(procedurePath!));
  if (leaf && file !== path.basename(import.meta.filename) && !calls) {
    return `refusedBy "${entry.refusedBy}" never calls ${procedurePath}`;
  }
  return undefined;
}

const suggestion = (table: string, key: string) =>
  `add to ${table} in ${TABLE_FILE}:\n    "${key}": { access: "signed-in" | "party" | "member" | "owner" | "admin", refusedBy: "<file>.test.ts › <describe> › <test that proves an outsider is refused>" },\n  (or { access: "public", reason: "<why anyone may call it>" })`;

const isPublic = (entry: AccessEntry | undefined) => entry?.access === "public";
const nonPublicProcedures = () => procedures.filter((p) => !isPublic(procedureAccess[p.path]));

describe("the access table", () => {
  it("has an entry for every procedure of appRouter, and none for procedures that are gone", () => {
    const problems = [
      ...procedures
        .filter((p) => !procedureAccess[p.path])
        .map((p) => `${p.path} (${p.type}) has no access entry: ${suggestion("procedureAccess", p.path)}`),
      ...Object.keys(procedureAccess)
        .filter((key) => !procedures.some((p) => p.path === key))
        .map(
          (key) => `"${key}" is in procedureAccess but appRouter has no such procedure: remove it from ${TABLE_FILE}`,
        ),
    ];
    expect(problems, problems.join("\n")).toEqual([]);
    expect(procedures.length).toBeGreaterThan(50);
  });

  it("has an entry for every route handler under web/src/app/api, and none for routes that are gone", () => {
    const problems = [
      ...routes
        .filter((r) => !routeAccess[r.key])
        .map((r) => `${r.key} has no access entry: ${suggestion("routeAccess", r.key)}`),
      ...Object.keys(routeAccess)
        .filter((key) => !routes.some((r) => r.key === key))
        .map((key) => `"${key}" is in routeAccess but no route.ts exports it: remove it from ${TABLE_FILE}`),
    ];
    expect(problems, problems.join("\n")).toEqual([]);
    expect(routes.map((r) => r.key)).toContain("GET /api/attachments/[attachmentId]");
  });

  it("names, for every entry that is not public, a test that exists and calls it; public entries say why", () => {
    const problems = [
      ...Object.entries(procedureAccess).map(([key, entry]) => [key, entry, refusedByProblem(entry, key)] as const),
      ...Object.entries(routeAccess).map(([key, entry]) => [key, entry, refusedByProblem(entry)] as const),
    ]
      .map(([key, entry, problem]) =>
        entry.access === "public" && !entry.reason.trim()
          ? `${key}: a public entry needs a reason`
          : problem && `${key}: ${problem}`,
      )
      .filter(Boolean);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("can tell a missing test from a present one (the check above is not vacuous)", () => {
    expect(refusedByProblem({ access: "member", refusedBy: "chat.test.ts › outsiders › no such test" })).toMatch(
      /names no test/,
    );
    expect(
      refusedByProblem(
        {
          access: "member",
          refusedBy: "chat.test.ts › outsiders › get NOT_FOUND from every conversation procedure and change nothing",
        },
        "chat.send",
      ),
    ).toBeUndefined();
    expect(
      refusedByProblem(
        {
          access: "member",
          refusedBy: "chat.test.ts › outsiders › get NOT_FOUND from every conversation procedure and change nothing",
        },
        "rooms.join",
      ),
    ).toMatch(/never calls rooms\.join/);
    expect(
      refusedByProblem(
        {
          access: "signed-in",
          refusedBy:
            "friends.test.ts › access › block is UNAUTHORIZED signed out and FORBIDDEN to an admin without 2FA",
        },
        "friends.block",
      ),
    ).toBeUndefined();
  });
});

/** A bystander with a friend, a request and a block: a refused call must leave all of it as it was. */
async function bystanders() {
  const [a, b, c, d] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
  await makeFriends(a, b);
  await callerFor(a).friends.sendRequest({ userId: c.id });
  await callerFor(a).friends.block({ userId: d.id });
  return [a.id, b.id, c.id, d.id];
}

/** The tRPC error code in a response from the real route (a JSON error body, or an SSE stream's serialized error). */
async function trpcCodeOf(response: Response): Promise<string | undefined> {
  const text = await response.text();
  return /"code":"([A-Z_]+)"/.exec(text)?.[1];
}

describe("procedures", () => {
  it("every procedure that is not public refuses a signed-out caller through the real route: 401, never a 500, nothing changed", async () => {
    const trpcRoute = await import("@/app/api/trpc/[trpc]/route");
    const ids = await bystanders();
    const before = await socialSnapshot(...ids);
    const wrong: string[] = [];
    for (const { path: procedurePath, type } of nonPublicProcedures()) {
      const url = `/api/trpc/${procedurePath}`;
      const headers = browserTrpcHeaders();
      const response =
        type === "mutation"
          ? await callRoute(
              trpcRoute.POST,
              url,
              { trpc: procedurePath },
              { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" },
            )
          : await callRoute(
              trpcRoute.GET,
              url,
              { trpc: procedurePath },
              { headers: type === "subscription" ? { ...headers, accept: "text/event-stream" } : headers },
            );
      const code = await trpcCodeOf(response);
      // A subscription answers over SSE (status 200) with the error as the stream's one event.
      const status = type === "subscription" ? 401 : response.status;
      if (code !== "UNAUTHORIZED" || status !== 401)
        wrong.push(`${procedurePath} (${type}) answered ${response.status} ${code}`);
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
    expect(await socialSnapshot(...ids)).toBe(before);
  });

  it("every procedure but the security settings refuses an admin who has not turned on 2FA (FORBIDDEN, nothing changed)", async () => {
    const admin = await createUser({ role: "ADMIN" });
    // The security settings it may call act on its own account (signOutEverywhere does): only others are watched.
    const ids = await bystanders();
    const before = await socialSnapshot(...ids);
    const caller = callerFor({ id: admin.id, role: "ADMIN", needsTotp: true });
    const wrong: string[] = [];
    for (const { path: procedurePath } of nonPublicProcedures()) {
      const entry = procedureAccess[procedurePath]!;
      const exempt = entry.access !== "public" && entry.beforeTwoFactor;
      const error = await callByPath(caller, procedurePath, undefined).then(
        () => undefined,
        (e: unknown) => e,
      );
      const refusedFor2fa =
        error instanceof TRPCError && error.code === "FORBIDDEN" && /turn on two-factor/.test(error.message);
      if (!exempt && !refusedFor2fa) {
        wrong.push(
          `${procedurePath} let an admin without 2FA through (${error instanceof TRPCError ? error.code : "no error"}); if it is a securityProcedure on purpose, add beforeTwoFactor: true to its entry in ${TABLE_FILE}`,
        );
      }
      if (exempt && refusedFor2fa)
        wrong.push(`${procedurePath} refuses an admin without 2FA, but the table says beforeTwoFactor`);
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
    expect(await socialSnapshot(...ids)).toBe(before);
  });

  it("every admin procedure refuses a signed-in user who is not an admin (FORBIDDEN, nothing changed)", async () => {
    const user = await createUser();
    const adminOnly = procedures.filter((p) => procedureAccess[p.path]?.access === "admin");
    expect(adminOnly.length).toBeGreaterThan(0);
    const before = await socialSnapshot(user.id);
    for (const { path: procedurePath } of adminOnly) {
      await expect(callByPath(callerFor(user), procedurePath, undefined), procedurePath).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await socialSnapshot(user.id)).toBe(before);
  });
});

describe("route handlers", () => {
  it("every route handler that needs a session answers a signed-out request 404 (webhooks without their secret 401), never a 500", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const entry = routeAccess[route.key];
      if (!entry || entry.access === "public") continue;
      const { path: url, params } = fillRoute(route.pattern, "no-such-thing");
      const response = await callRoute(
        route.handler,
        url,
        params,
        route.method === "GET"
          ? {}
          : { method: route.method, headers: { "content-type": "application/json" }, body: "{}" },
      );
      const expected = entry.access === "webhook-signed" ? 401 : 404;
      if (response.status !== expected) wrong.push(`${route.key} answered ${response.status}, not ${expected}`);
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
  });
});
