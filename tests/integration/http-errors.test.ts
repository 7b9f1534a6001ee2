import { createTRPCClient, httpLink } from "@trpc/client";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { formErrors } from "@/components/ui/form-errors";
import { appErrorData, errorCode } from "@/lib/trpc-errors";
import { type AppRouter, appRouter } from "@/server/api/root";
import { createUser, freshIp, testDeps } from "../helpers/deps";

/** The HTTP face of the API: the same handler the Next route uses, with the session supplied directly. */
async function call(path: string, input: unknown, user: { id: string } | null, method: "GET" | "POST" = "GET") {
  const url = new URL(`http://localhost/api/trpc/${path}`);
  if (method === "GET") url.searchParams.set("input", JSON.stringify({ json: input }));
  const req = new Request(
    url,
    method === "POST"
      ? { method, body: JSON.stringify({ json: input }), headers: { "content-type": "application/json" } }
      : undefined,
  );
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => ({
      deps: testDeps(),
      user: user ? { ...user, role: "USER" as const, needsTotp: false } : null,
      ip: freshIp(),
    }),
  });
  const body = (await res.json()) as {
    error?: {
      json: {
        message: string;
        data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]>; stack?: string };
      };
    };
  };
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
    const { status, error } = await call(
      "account.signUp",
      { email: "nope", username: "x", displayName: "", password: "short" },
      null,
      "POST",
    );
    expect(status).toBe(400);
    expect(Object.keys(error!.data.fieldErrors!).sort()).toEqual([
      "acceptTerms",
      "displayName",
      "email",
      "password",
      "username",
    ]);
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

/** The browser's own client (httpLink, superjson) over the real handler, so errors cross the wire as they do in the app. */
function clientFor(user: { id: string } | null) {
  const ip = freshIp();
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://localhost/api/trpc",
        transformer: superjson,
        fetch: (input, init) =>
          fetchRequestHandler({
            endpoint: "/api/trpc",
            req: new Request(input, init),
            router: appRouter,
            createContext: () => ({
              deps: testDeps(),
              user: user ? { ...user, role: "USER" as const, needsTotp: false } : null,
              ip,
            }),
          }),
      }),
    ],
  });
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
}

describe("errors as the client reads them (web/src/lib/trpc-errors.ts)", () => {
  it("bad input: the code and each field's message, for inline form errors", async () => {
    const error = await failureOf(
      clientFor(null).account.signUp.mutate({
        email: "nope",
        username: "x",
        displayName: "",
        password: "short",
        acceptTerms: true,
      }),
    );
    expect(errorCode(error)).toBe("BAD_REQUEST");
    const { form, fields } = formErrors(error);
    expect(form).toBeNull();
    expect(Object.keys(fields).sort()).toEqual(["displayName", "email", "password", "username"]);
  });

  it("a service's AppError about one field arrives as that field's message", async () => {
    const taken = await createUser();
    const error = await failureOf(
      clientFor(null).account.signUp.mutate({
        email: `x${taken.email}`,
        username: taken.username,
        displayName: "Someone",
        password: "a long enough password 123",
        acceptTerms: true,
      }),
    );
    expect(appErrorData(error)).toMatchObject({ code: "CONFLICT", fieldErrors: { username: [expect.any(String)] } });
    expect(formErrors(error).fields.username).toMatch(/taken/i);
  });

  it("a rate limit: the code and when to retry", async () => {
    const searcher = await createUser();
    for (let i = 0; i < 60; i++) await testDeps().limits.searchPerUser.consume(searcher.id);
    const before = Date.now();
    const error = await failureOf(clientFor(searcher).search.users.query({ query: "anyone" }));
    expect(errorCode(error)).toBe("TOO_MANY_REQUESTS");
    expect(appErrorData(error)?.retryAt).toBeGreaterThan(before);
    expect(formErrors(error).form).toMatch(/^Too many searches\. Try again in/);
  });

  it("anything that is not a tRPC error has no code and reads as a connection problem", () => {
    expect(errorCode(new TypeError("Failed to fetch"))).toBeUndefined();
    expect(appErrorData(undefined)).toBeNull();
    expect(formErrors(new TypeError("Failed to fetch")).form).toMatch(/connection/);
  });
});
