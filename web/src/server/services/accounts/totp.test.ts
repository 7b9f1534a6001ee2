import { Secret, TOTP, URI } from "otpauth";
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
    expect(verifyTotp(RFC_SECRET, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it("accepts one step of drift either way and no more", () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    const secret = generateTotpSecret();
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, now - 90_000), now)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now + 90_000), now)).toBeNull();
  });

  it("rejects malformed codes", () => {
    const secret = generateTotpSecret();
    const code = totpCode(secret, Date.now());
    expect(verifyTotp(secret, `${code}0`)).toBeNull();
    expect(verifyTotp(secret, code.slice(0, 5))).toBeNull();
    expect(verifyTotp(secret, "")).toBeNull();
    expect(verifyTotp(secret, "abcdef")).toBeNull();
  });

  it("accepts what an authenticator app (otpauth reading our URI) shows, and refuses a wrong or expired code", () => {
    const now = 1_800_000_000_000;
    const secret = generateTotpSecret();
    const app = URI.parse(totpUri(secret, "ada@example.com"));
    const shown = app.generate({ timestamp: now });
    expect(verifyTotp(secret, shown, now)).toBe(Math.floor(now / 30_000));
    const inWindow = new Set([-30_000, 0, 30_000].map((d) => app.generate({ timestamp: now + d })));
    const wrong = ["000000", "111111", "222222", "333333"].find((c) => !inWindow.has(c))!;
    expect(verifyTotp(secret, wrong, now)).toBeNull();
    // Two minutes later the code shown then has expired (outside the one-step drift allowance).
    expect(verifyTotp(secret, shown, now + 120_000)).toBeNull();
  });

  it("makes 160-bit secrets and an otpauth URI authenticator apps read", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
    const uri = totpUri(secret, "ada@example.com");
    expect(uri).toBe(
      `otpauth://totp/Hearth:ada%40example.com?issuer=Hearth&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    const parsed = URI.parse(uri);
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed).toMatchObject({
      issuer: "Hearth",
      label: "ada@example.com",
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    });
    expect(parsed.secret.base32).toBe(secret);
  });
});
