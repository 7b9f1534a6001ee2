import { isTRPCClientError, type TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

/** A failed tRPC call as the browser sees it: `data` is typed by the server's error formatter (code, fieldErrors, retryAt). */
export type AppClientError = TRPCClientError<AppRouter>;

/** The error's typed `data` if it is a tRPC error (null for anything else, such as a network failure). */
export function appErrorData(error: unknown): AppClientError["data"] {
  return isTRPCClientError<AppRouter>(error) ? error.data : null;
}

/** The tRPC code of a failed call ("NOT_FOUND", "TOO_MANY_REQUESTS", ...), if it is one. */
export const errorCode = (error: unknown) => appErrorData(error)?.code;
