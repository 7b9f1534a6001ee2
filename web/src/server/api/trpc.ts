import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { AppError, adminNeedsTotp, type FieldErrors, INTERNAL_ERROR_MESSAGE } from "../errors";
import type { Deps } from "../infra/deps";
import { hasNulCharacter } from "./nul-input";

export interface SessionUser {
  id: string;
  role: "USER" | "ADMIN";
  needsTotp: boolean;
}

export interface Context {
  deps: Deps;
  user: SessionUser | null;
  ip: string;
  /** Whether the caller's session still stands (checked again by long-lived streams); absent: nothing to recheck. */
  sessionAlive?: () => Promise<boolean>;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const { stack: _stack, ...data } = shape.data; // never send server stack traces
    // Typed here, so the client reads them through TRPCClientError<AppRouter> (web/src/lib/trpc-errors.ts).
    const fieldErrors: FieldErrors | undefined =
      cause instanceof ZodError
        ? z.flattenError(cause).fieldErrors
        : cause instanceof AppError
          ? cause.fieldErrors
          : undefined;
    const retryAt: number | undefined = cause instanceof AppError ? cause.retryAt : undefined;
    return {
      ...shape,
      // Internal errors never leak their message; invalid input says what is wrong in words, not as a JSON dump.
      message:
        error.code === "INTERNAL_SERVER_ERROR"
          ? INTERNAL_ERROR_MESSAGE
          : cause instanceof ZodError
            ? (cause.issues[0]?.message ?? "Invalid input.")
            : shape.message,
      data: {
        ...data,
        fieldErrors,
        retryAt,
      },
    };
  },
});

/** Turns AppErrors from services into TRPCErrors with the same code and user-facing message. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    result.error = new TRPCError({ code: cause.code, message: cause.message, cause });
  } else if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    console.error("[trpc] unexpected error", result.error.cause ?? result.error);
  }
  return result;
});

/** Text with NUL cannot be stored (PostgreSQL): bad input, refused before it reaches a query and fails there. */
const noNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  if (hasNulCharacter(await getRawInput()))
    throw new TRPCError({ code: "BAD_REQUEST", message: "Text cannot contain NUL characters." });
  return next();
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

export const publicProcedure = t.procedure.use(appErrors).use(noNulCharacters);

/**
 * Writes that come many times a second by design, each under its own tighter limit (limits.ts): call signalling and
 * keep-alives, typing, read receipts, room presence. Every other write counts against writesPerUser.
 */
const STREAMING_WRITES = new Set([
  "calls.signal",
  "calls.keepAlive",
  "calls.reportConnection",
  "chat.typing",
  "chat.markRead",
  "rooms.reportPresence",
]);

const signedIn = t.middleware(async ({ ctx, next, type, path }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  // Every write fans out somewhere (events, notifications, mail): one person cannot flood the others.
  if (type === "mutation" && !STREAMING_WRITES.has(path)) await ctx.deps.limits.writesPerUser.consume(ctx.user.id);
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Signed in, with 2FA for admins: an admin without it can only reach `securityProcedure`s until enrolled. */
export const securityProcedure = publicProcedure.use(signedIn);
export const protectedProcedure = securityProcedure.use(({ ctx, next }) => {
  if (ctx.user.needsTotp) throw adminNeedsTotp();
  return next();
});

/** Admins only (role ADMIN, with 2FA): the admin pages' procedures. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Only admins can do that." });
  return next();
});
