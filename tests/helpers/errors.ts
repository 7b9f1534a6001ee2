import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** Awaits a call expected to fail with a tRPC code; returns the error for further checks. */
export async function expectTrpcError(
  promise: Promise<unknown>,
  code: TRPCError["code"],
  message?: RegExp,
): Promise<TRPCError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(TRPCError);
  const error = caught as TRPCError;
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
  return error;
}
