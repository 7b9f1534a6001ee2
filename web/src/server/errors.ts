import "server-only";
/**
 * The one application error. Services throw it; the tRPC error formatter and HTTP routes map it.
 * `message` is safe to show to the user. Anything that may not be seen is NOT_FOUND, never FORBIDDEN,
 * so a caller cannot tell that it exists. There is no internal-error code: a failure we did not expect is any
 * other throw, and callers get INTERNAL_ERROR_MESSAGE instead of its details.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  /** A service the request needs (e.g. the malware scanner) is down: nothing changed, try again later. */
  | "SERVICE_UNAVAILABLE";

/** Each code's HTTP status (the same as tRPC's for that code); a code without one does not typecheck. */
export const httpStatusOf = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<AppErrorCode, number>;

/** Per-field messages, keyed by input field name (the shape zod's flattenError gives). */
export type FieldErrors = Record<string, string[] | undefined>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** For TOO_MANY_REQUESTS: when the caller may try again (ms since epoch). */
  readonly retryAt?: number;
  /** For BAD_REQUEST: which input field the message is about, for inline form errors. */
  readonly field?: string;
  /** For BAD_REQUEST: the messages by field that a form shows inline (from `field`, or several fields given at once). */
  readonly fieldErrors?: FieldErrors;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { retryAt?: number; field?: string; fieldErrors?: FieldErrors; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAt = options.retryAt;
    this.field = options.field;
    this.fieldErrors = options.fieldErrors ?? (options.field ? { [options.field]: [message] } : undefined);
  }
}

/** What a caller is told about a failure we did not expect: nothing about its cause. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

/** Whole seconds until `retryAt` (at least 1): the value of a Retry-After header. */
export const retryAfterSeconds = (retryAt: number, now = Date.now()) => Math.max(1, Math.ceil((retryAt - now) / 1000));

export const notFound = (what = "That") => new AppError("NOT_FOUND", `${what} was not found.`);

export function tooManyRequests(retryAt: number, what = "Too many attempts"): AppError {
  const seconds = retryAfterSeconds(retryAt);
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError("TOO_MANY_REQUESTS", `${what}. Try again in ${wait}.`, { retryAt });
}

/** An admin who has not turned on 2FA reaches only their security settings (and their own data) until they do. */
export const adminNeedsTotp = () =>
  new AppError("FORBIDDEN", "Admins must turn on two-factor authentication first (Settings → Security).");
