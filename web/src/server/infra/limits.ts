import "server-only";
import type { Redis } from "ioredis";
import { createLimiter, type Limiter } from "./rate-limit";

/** Every abusable action's limit, in one place. Identifiers are account ids, emails or client IPs. */
export function createLimits(client: Redis) {
  return {
    /** Failed sign-ins per account: at most 100 an hour (ASVS 2.2.1). */
    signInFailuresPerAccount: createLimiter(
      client,
      "signin-fail-account",
      100,
      "1 h",
      "Too many failed sign-ins for this account",
    ),
    signInPerIp: createLimiter(client, "signin-ip", 30, "5 m", "Too many sign-in attempts from your network"),
    /** Settings that re-check the password (change it, turn 2FA off, new recovery codes): no guessing through them. */
    passwordChecksPerUser: createLimiter(client, "password-check", 10, "15 m", "Too many password checks"),
    /** Every signed-in write (but the streaming ones, limited on their own): a flood cap per person. */
    writesPerUser: createLimiter(client, "writes", 120, "1 m", "You are doing that too often"),
    signUpPerIp: createLimiter(client, "signup-ip", 10, "1 h", "Too many new accounts from your network"),
    passwordResetPerEmail: createLimiter(
      client,
      "reset-email",
      3,
      "1 h",
      "Too many password reset requests for this address",
    ),
    passwordResetPerIp: createLimiter(client, "reset-ip", 10, "1 h", "Too many password reset requests"),
    /** "Someone tried to sign up with your address" emails to its owner; over the limit they are skipped silently. */
    accountExistsEmailsPerUser: createLimiter(client, "account-exists", 3, "1 h", "Too many sign-up notices"),
    verificationEmailPerUser: createLimiter(client, "verify-user", 3, "1 h", "Too many verification emails"),
    totpAttemptsPerUser: createLimiter(client, "totp-user", 10, "15 m", "Too many two-factor attempts"),
    friendRequestsPerUser: createLimiter(client, "friend-request", 30, "1 h", "Too many friend requests"),
    searchPerUser: createLimiter(client, "search", 60, "1 m", "Too many searches"),
    messagesPerUser: createLimiter(client, "message", 20, "10 s", "You are sending messages too fast"),
    typingPerUser: createLimiter(client, "typing", 30, "1 m", "Slow down"),
    conversationsPerUser: createLimiter(client, "conversation", 30, "1 h", "Too many new conversations"),
    attachmentUploadsPerUser: createLimiter(client, "attachment", 60, "1 h", "Too many uploads"),
    callsPerUser: createLimiter(client, "call", 20, "10 m", "Too many calls"),
    turnCredentialsPerUser: createLimiter(client, "turn-credentials", 30, "10 m", "Too many attempts to connect calls"),
    callSignalsPerUser: createLimiter(client, "call-signal", 600, "1 m", "Too many call signals"),
    roomsPerUser: createLimiter(client, "room", 30, "1 h", "Too many new meetings"),
    roomTokensPerUser: createLimiter(client, "room-token", 60, "10 m", "Too many attempts to join"),
    pushSubscriptionsPerUser: createLimiter(client, "push-subscribe", 30, "1 h", "Too many notification subscriptions"),
    /** "Download my data": each archive is a heavy job for the worker. */
    dataExportsPerUser: createLimiter(client, "data-export", 3, "1 d", "You can download your data three times a day"),
    /** Private files served through route handlers (photos, attachment and export links, .ics): a scraping cap per person. */
    downloadsPerUser: createLimiter(client, "download", 600, "1 m", "Too many downloads"),
    avatarUploadsPerUser: createLimiter(client, "avatar", 10, "1 h", "Too many avatar uploads"),
  } satisfies Record<string, Limiter>;
}

export type Limits = ReturnType<typeof createLimits>;
