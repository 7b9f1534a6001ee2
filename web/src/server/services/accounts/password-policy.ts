import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../../errors";

// ~49,000 passwords seen most often in public breaches (zxcvbn's list), kept in memory as a Set.
let breached: Set<string> | undefined;
function breachedPasswords(): Set<string> {
  breached ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return breached;
}

/**
 * OWASP ASVS 2.1 (level 2): at least 12 characters, at most 256 (so passphrases fit), never truncated,
 * any characters allowed, and not a commonly breached password or the account's own name.
 * Throws a BAD_REQUEST naming the password field.
 */
export function assertPasswordAllowed(password: string, context: { email?: string; username?: string } = {}): void {
  const reject = (message: string) => {
    throw new AppError("BAD_REQUEST", message, { field: "password" });
  };
  if (password.length < 12) reject("Passwords have at least 12 characters.");
  if (password.length > 256) reject("Passwords have at most 256 characters.");
  const lowered = password.toLowerCase();
  if (breachedPasswords().has(lowered)) reject("That password appears in lists of breached passwords. Choose another.");
  if (/^(.)\1+$/.test(password)) reject("That password is a single repeated character. Choose another.");
  const own = [context.email, context.email?.split("@")[0], context.username].filter(
    (v): v is string => !!v && v.length >= 4,
  );
  if (own.some((v) => lowered === v.toLowerCase())) reject("Your password cannot be your email address or username.");
}
