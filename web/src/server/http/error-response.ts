import "server-only";
import { unstable_rethrow } from "next/navigation";
import {
  AppError,
  type AppErrorCode,
  type FieldErrors,
  httpStatusOf,
  INTERNAL_ERROR_MESSAGE,
  retryAfterSeconds,
} from "../errors";

/** What every route handler answers on an error: the same code, message, fieldErrors and retryAt tRPC sends in `data`. */
export interface ErrorBody {
  error: { code: AppErrorCode | "INTERNAL_SERVER_ERROR"; message: string; fieldErrors?: FieldErrors; retryAt?: number };
}

/**
 * The HTTP answer for anything a route handler throws. An AppError keeps its status, message, fieldErrors and
 * retryAt (with Retry-After); anything else is logged and becomes a 500 that says nothing about the cause.
 */
export function errorResponse(error: unknown, now = Date.now()): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (!(error instanceof AppError)) {
    console.error("[route] unexpected error", error);
    const body: ErrorBody = { error: { code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR_MESSAGE } };
    return Response.json(body, { status: 500, headers });
  }
  const { code, message, fieldErrors, retryAt } = error;
  if (retryAt !== undefined) headers.set("Retry-After", String(retryAfterSeconds(retryAt, now)));
  const body: ErrorBody = {
    error: { code, message, ...(fieldErrors && { fieldErrors }), ...(retryAt !== undefined && { retryAt }) },
  };
  return Response.json(body, { status: httpStatusOf[code], headers });
}

/** Retry-After for a tRPC response whose errors include rate limits: the longest wait among them. */
export function retryAfterHeaders(errors: readonly { cause?: unknown }[], now = Date.now()): Record<string, string> {
  const retryAts = errors.flatMap((e) =>
    e.cause instanceof AppError && e.cause.retryAt !== undefined ? [e.cause.retryAt] : [],
  );
  return retryAts.length ? { "Retry-After": String(retryAfterSeconds(Math.max(...retryAts), now)) } : {};
}

/** A route handler whose throws become `errorResponse`s; Next's own control-flow throws (dynamic usage, redirects) pass through. */
export function withErrorResponses<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      unstable_rethrow(error);
      return errorResponse(error);
    }
  };
}
