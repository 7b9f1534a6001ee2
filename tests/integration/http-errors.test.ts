import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createUser, freshIp, testDeps } from "../helpers/deps";

/** The HTTP face of the API: the same handler the Next route uses, with the session supplied directly. */
async function call(path: string, input: unknown, user: { id: string } | null, method: "GET" | "POST" = "GET") {
  const url = new URL(`http://localhost/api/trpc/${path}`);
  if (method === "GET") url.searchParams.set("input", JSON.stringify({ json: input }));
  const req = new Request(url, method === "POST" ? { method, body: JSON.stringify({ json: input }), headers: { "content-type": "application/json" } } : undefined);
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => ({ deps: testDeps(), user: user ? { ...user, role: "USER" as const, needsTotp: false } : null, ip: freshIp() }),
  });
  const body = (await res.json()) as { error?: { json: { message: string; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]>; stack?: string } } } };
  return { status: res.status, error: body.error?.json };
}

describe("errors over HTTP", () => {
  it("signed out → 401 with a message to sign in", async () => {
    const { status, error } = await call("friends.list", undefined, null);
    expect(status).toBe(401);
    expect(error?.message).toBe("Sign in to continue.");
  });

  it("something you may not see → 404, worded exactly like something that does not exist", async () => {
    const viewer = await createUser();
    const blocker = await createUser();
    await testDeps().db.block.create({ data: { blockerId: blocker.id, blockedId: viewer.id } });
    const hidden = await call("profile.byUsername", { username: blocker.username }, viewer);
    const missing = await call("profile.byUsername", { username: "no_such_user_at_all" }, viewer);
    expect(hidden).toEqual(missing);
    expect(hidden.status).toBe(404);
  });

  it("bad input → 400 with per-field messages and no stack trace", async () => {
    const { status, error } = await call("account.signUp", { email: "nope", username: "x", displayName: "", password: "short" }, null, "POST");
    expect(status).toBe(400);
    expect(Object.keys(error!.data.fieldErrors!).sort()).toEqual(["displayName", "email", "password", "username"]);
    expect(error!.data).not.toHaveProperty("stack");
  });

  it("a conflict → 409; too many requests → 429 with the retry time", async () => {
    const a = await createUser();
    const b = await createUser();
    await call("friends.sendRequest", { userId: b.id }, a, "POST");
    expect((await call("friends.sendRequest", { userId: b.id }, a, "POST")).status).toBe(409);
    const searcher = await createUser();
    for (let i = 0; i < 60; i++) await testDeps().limits.searchPerUser.consume(searcher.id);
    const limited = await call("search.users", { query: "anyone" }, searcher);
    expect(limited.status).toBe(429);
    expect(limited.error!.message).toMatch(/Too many searches\. Try again in \d+ seconds\./);
  });
});
