import "server-only";
import { Secret, TOTP } from "otpauth";

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s steps), the parameters every authenticator app understands. */
const PARAMETERS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** One step either side of the current one, for clock drift. */
const DRIFT_STEPS = 1;

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 as authenticator apps expect it. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpCode(secret: string, timeMs: number): string {
  return TOTP.generate({ ...PARAMETERS, secret: Secret.fromBase32(secret), timestamp: timeMs });
}

/** Accepts the current step and one step either side, for clock drift. Returns the matched step or null. */
export function verifyTotp(secret: string, code: string, timeMs = Date.now()): number | null {
  const delta = TOTP.validate({
    ...PARAMETERS,
    secret: Secret.fromBase32(secret),
    token: code,
    timestamp: timeMs,
    window: DRIFT_STEPS,
  });
  return delta === null ? null : TOTP.counter({ period: PARAMETERS.period, timestamp: timeMs }) + delta;
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri(secret: string, accountName: string, issuer = "Hearth"): string {
  return new TOTP({ ...PARAMETERS, issuer, label: accountName, secret: Secret.fromBase32(secret) }).toString();
}
