/**
 * The one application error. Services throw it; the tRPC error formatter and HTTP routes map it.
 * `message` is safe to show to the user. Anything that may not be seen is NOT_FOUND, never FORBIDDEN,
 * so a caller cannot tell that it exists.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "PRECONDITION_FAILED"
  | "INTERNAL_SERVER_ERROR"
  /** A service the request needs (e.g. the malware scanner) is down: nothing changed, try again later. */
  | "SERVICE_UNAVAILABLE";

export const httpStatusOf: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** For TOO_MANY_REQUESTS: when the caller may try again (ms since epoch). */
  readonly retryAt?: number;
  /** For BAD_REQUEST: which input field the message is about, for inline form errors. */
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, options: { retryAt?: number; field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAt = options.retryAt;
    this.field = options.field;
  }

  get httpStatus(): number {
    return httpStatusOf[this.code];
  }
}

export const notFound = (what = "That") => new AppError("NOT_FOUND", `${what} was not found.`);

export function tooManyRequests(retryAt: number, what = "Too many attempts"): AppError {
  const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError("TOO_MANY_REQUESTS", `${what}. Try again in ${wait}.`, { retryAt });
}
