import { redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, type AppErrorCode, httpStatusOf, INTERNAL_ERROR_MESSAGE } from "../errors";
import { type ErrorBody, errorResponse, retryAfterHeaders, withErrorResponses } from "./error-response";

const bodyOf = async (response: Response) => (await response.json()) as ErrorBody;

afterEach(() => vi.restoreAllMocks());

describe("errorResponse", () => {
  it("answers every AppError code with its status, code and message", async () => {
    for (const code of Object.keys(httpStatusOf) as AppErrorCode[]) {
      const response = errorResponse(new AppError(code, `The ${code} message.`));
      expect(response.status, code).toBe(httpStatusOf[code]);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await bodyOf(response)).toEqual({ error: { code, message: `The ${code} message.` } });
    }
  });

  it("carries per-field messages for bad input", async () => {
    const response = errorResponse(new AppError("BAD_REQUEST", "That name is taken.", { field: "username" }));
    expect(response.status).toBe(400);
    expect(await bodyOf(response)).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "That name is taken.",
        fieldErrors: { username: ["That name is taken."] },
      },
    });
  });

  it("tells a rate-limited caller when to retry, in the body and in Retry-After", async () => {
    const now = 1_000_000;
    const response = errorResponse(
      new AppError("TOO_MANY_REQUESTS", "Too many downloads.", { retryAt: now + 42_100 }),
      now,
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("43");
    expect((await bodyOf(response)).error).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAt: now + 42_100 });
  });

  it("logs anything that is not an AppError and answers a 500 that says nothing about it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error("connect ECONNREFUSED 10.0.0.7:5432 password=hunter2");
    for (const error of [
      secret,
      new TypeError("Cannot read properties of undefined (reading 'avatarKey')"),
      "a string",
      null,
    ]) {
      const response = errorResponse(error);
      expect(response.status).toBe(500);
      expect(response.headers.get("retry-after")).toBeNull();
      expect(await bodyOf(response)).toEqual({
        error: { code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR_MESSAGE },
      });
    }
    expect(log).toHaveBeenCalledTimes(4);
    expect(log.mock.calls[0]).toContain(secret);
  });
});

describe("withErrorResponses", () => {
  it("passes answers through and turns throws into error responses", async () => {
    const handler = withErrorResponses(async (fail: boolean) => {
      if (fail) throw new AppError("FORBIDDEN", "Not yours.");
      return new Response("ok");
    });
    expect(await (await handler(false)).text()).toBe("ok");
    const refused = await handler(true);
    expect(refused.status).toBe(403);
    expect((await bodyOf(refused)).error.code).toBe("FORBIDDEN");
  });

  it("lets Next's own control-flow throws (a redirect) through to Next", async () => {
    const handler = withErrorResponses(async () => redirect("/sign-in"));
    await expect(handler()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
  });
});

describe("retryAfterHeaders", () => {
  it("gives the longest wait among a tRPC response's rate-limited errors, or nothing", () => {
    const now = 0;
    const limited = (retryAt: number) => ({ cause: new AppError("TOO_MANY_REQUESTS", "Slow down.", { retryAt }) });
    expect(retryAfterHeaders([limited(5_000), { cause: new Error("other") }, limited(61_000)], now)).toEqual({
      "Retry-After": "61",
    });
    expect(retryAfterHeaders([{ cause: new AppError("CONFLICT", "Already.") }, {}], now)).toEqual({});
  });
});
