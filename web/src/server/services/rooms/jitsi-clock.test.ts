import { describe, expect, it } from "vitest";
import { clockSkewSeconds, judgeClockSkew } from "./jitsi-clock";

describe("clockSkewSeconds", () => {
  const sent = Date.parse("2026-12-02T10:00:00.000Z");
  it("compares the middle of the request with the middle of the header's second", () => {
    // Server at 10:00:00.x, request from .000 to .400: app midpoint .200, server midpoint .500.
    expect(clockSkewSeconds("Wed, 02 Dec 2026 10:00:00 GMT", sent, sent + 400)).toBeCloseTo(-0.3);
    expect(clockSkewSeconds("Wed, 02 Dec 2026 09:59:20 GMT", sent, sent + 1000)).toBeCloseTo(40);
    expect(clockSkewSeconds("Wed, 02 Dec 2026 10:00:20 GMT", sent, sent)).toBeCloseTo(-20.5);
  });
  it("gives null for a missing or unreadable header", () => {
    expect(clockSkewSeconds(undefined, sent, sent)).toBeNull();
    expect(clockSkewSeconds("yesterday", sent, sent)).toBeNull();
  });
});

describe("judgeClockSkew", () => {
  const judge = (skew: number, ttl = 120) => judgeClockSkew(skew, ttl, "meet.example.com");
  it("accepts up to 10 s either way", () => {
    expect(judge(9.9).level).toBe("ok");
    expect(judge(-10).level).toBe("ok");
  });
  it("warns past 10 s, naming the direction and NTP", () => {
    expect(judge(12)).toEqual({
      level: "warn",
      message: expect.stringMatching(/12\.0 s ahead of meet\.example\.com's.*Run NTP on both hosts/),
    });
    expect(judge(-25)).toEqual({ level: "warn", message: expect.stringContaining("25.0 s behind meet.example.com's") });
  });
  it("fails when every token would be refused: app 30 s ahead (nbf), or behind by the token's lifetime (exp)", () => {
    expect(judge(30)).toEqual({ level: "fail", message: expect.stringContaining('"Not acceptable by nbf"') });
    expect(judge(-120, 120)).toEqual({ level: "fail", message: expect.stringContaining('"Not acceptable by exp"') });
    expect(judge(-119, 120).level).toBe("warn");
  });
});
