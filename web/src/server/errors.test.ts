import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { describe, expect, expectTypeOf, it } from "vitest";
import { AppError, type AppErrorCode, httpStatusOf, retryAfterSeconds, tooManyRequests } from "./errors";

const codes = Object.keys(httpStatusOf) as AppErrorCode[];

describe("AppError codes", () => {
  it("have exactly one HTTP status each, so a new code without one fails typecheck", () => {
    expectTypeOf<keyof typeof httpStatusOf>().toEqualTypeOf<AppErrorCode>();
    // Every code is a tRPC code too: the appErrors middleware rethrows each as a TRPCError with the same code.
    expectTypeOf<AppErrorCode>().toExtend<TRPC_ERROR_CODE_KEY>();
    expect(codes.length).toBeGreaterThan(0);
  });

  it("answer over a route handler with the status tRPC gives the same code", () => {
    for (const code of codes)
      expect(httpStatusOf[code], code).toBe(getHTTPStatusCodeFromError(new TRPCError({ code })));
  });

  it("are client errors (4xx) but for a service we need being down (503)", () => {
    const serverSide = codes.filter((code) => httpStatusOf[code] >= 500);
    expect(serverSide).toEqual(["SERVICE_UNAVAILABLE"]);
    for (const code of codes) expect(httpStatusOf[code]).toBeGreaterThanOrEqual(400);
  });
});

describe("AppError details", () => {
  it("turns one field into fieldErrors for inline form messages, or carries several", () => {
    expect(new AppError("BAD_REQUEST", "Taken.", { field: "username" }).fieldErrors).toEqual({ username: ["Taken."] });
    expect(new AppError("BAD_REQUEST", "Two problems.", { fieldErrors: { a: ["x"], b: ["y"] } }).fieldErrors).toEqual({
      a: ["x"],
      b: ["y"],
    });
    expect(new AppError("CONFLICT", "Already friends.").fieldErrors).toBeUndefined();
  });

  it("words a rate limit with the wait, and says when to retry", () => {
    const retryAt = Date.now() + 30_500;
    const error = tooManyRequests(retryAt, "Too many searches");
    expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAt });
    expect(error.message).toMatch(/^Too many searches\. Try again in 3\d seconds\.$/);
    expect(tooManyRequests(Date.now() + 10 * 60_000).message).toMatch(/Try again in 10 minutes\./);
  });

  it("rounds the wait up to whole seconds, at least one", () => {
    expect(retryAfterSeconds(10_001, 0)).toBe(11);
    expect(retryAfterSeconds(10_000, 0)).toBe(10);
    expect(retryAfterSeconds(0, 5_000)).toBe(1);
  });
});
