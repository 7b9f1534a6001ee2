import { describe, expect, it } from "vitest";
import { generateTotpSecret, totpCode, totpUri, verifyTotp } from "./totp";

// RFC 6238 appendix B, SHA-1 key "12345678901234567890" in base32; the RFC lists 8 digits, we use the last 6.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const vectors: [number, string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(vectors)("at %i s the code is %s", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code);
  });

  it("accepts one step of drift either way and no more", () => {
    const now = 1_700_000_000_000;
    const secret = generateTotpSecret();
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now - 90_000), now)).toBeNull();
  });

  it("rejects malformed codes", () => {
    const secret = generateTotpSecret();
    const code = totpCode(secret, Date.now());
    expect(verifyTotp(secret, `${code}0`)).toBeNull();
    expect(verifyTotp(secret, code.slice(0, 5))).toBeNull();
    expect(verifyTotp(secret, "")).toBeNull();
  });

  it("makes 160-bit secrets and an otpauth URI authenticator apps read", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(secret, "ada@example.com")).toBe(`otpauth://totp/Hearth%3Aada%40example.com?secret=${secret}&issuer=Hearth&algorithm=SHA1&digits=6&period=30`);
  });
});
