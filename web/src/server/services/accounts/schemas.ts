import "server-only";
import { z } from "zod";

export const RESERVED_USERNAMES = new Set([
  "admin",
  "root",
  "support",
  "hearth",
  "settings",
  "api",
  "friends",
  "search",
  "me",
  "u",
]);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

export const usernameSchema = z
  .string()
  .trim()
  .min(3, "Usernames have at least 3 characters.")
  .max(30, "Usernames have at most 30 characters.")
  .regex(/^[A-Za-z0-9_]+$/, "Use only letters, digits and underscores.")
  .refine((name) => !RESERVED_USERNAMES.has(name.toLowerCase()), "That username is reserved.");

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a display name.")
  .max(60, "Display names have at most 60 characters.")
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "Display names cannot contain control characters.");

/** Length is checked here; the breached-password check is in password-policy.ts (it needs the user's details). */
export const passwordSchema = z
  .string()
  .min(12, "Passwords have at least 12 characters.")
  .max(256, "Passwords have at most 256 characters.");

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.");

export const recoveryCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]{5}-?[a-z0-9]{5}$/, "Recovery codes look like abcde-12345.");

export const signUpInput = z.object({
  email: emailSchema,
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  /** The sign-up form's "I agree to the Terms and Privacy policy" box: no account without it. */
  acceptTerms: z.literal(true, "Agree to the Terms and Privacy policy to create an account."),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const emailTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, "That link is not valid.");
