import type { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { socialSnapshot } from "./deps";
import { expectTrpcError } from "./errors";

/**
 * Expects `call` to fail with `code` and proves, with a social snapshot of `userIds` taken before and after,
 * that the refused call changed nothing. Returns the error for further checks.
 */
export async function expectRefusedUnchanged(
  userIds: string[],
  call: () => Promise<unknown>,
  code: TRPCError["code"],
  message?: RegExp,
): Promise<TRPCError> {
  const before = await socialSnapshot(...userIds);
  const error = await expectTrpcError(call(), code, message);
  expect(await socialSnapshot(...userIds), "a refused call changed nothing").toBe(before);
  return error;
}
