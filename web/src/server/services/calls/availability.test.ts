import { describe, expect, it } from "vitest";
import { isAvailableForCalls, minuteOfDayIn } from "./availability";

const off = { doNotDisturbUntil: null, quietHoursStart: null, quietHoursEnd: null, timeZone: "UTC" };
const at = (iso: string) => new Date(iso);

describe("call availability", () => {
  it("rings by default", () => {
    expect(isAvailableForCalls(off, at("2026-11-27T03:00:00Z"))).toBe(true);
  });

  it("does not ring until do-not-disturb ends", () => {
    const dnd = { ...off, doNotDisturbUntil: at("2026-11-27T12:00:00Z") };
    expect(isAvailableForCalls(dnd, at("2026-11-27T11:59:59Z"))).toBe(false);
    expect(isAvailableForCalls(dnd, at("2026-11-27T12:00:00Z"))).toBe(true);
  });

  it("keeps daytime quiet hours, start inclusive and end exclusive", () => {
    const lunch = { ...off, quietHoursStart: 12 * 60, quietHoursEnd: 13 * 60 };
    expect(isAvailableForCalls(lunch, at("2026-11-27T11:59:00Z"))).toBe(true);
    expect(isAvailableForCalls(lunch, at("2026-11-27T12:00:00Z"))).toBe(false);
    expect(isAvailableForCalls(lunch, at("2026-11-27T12:59:00Z"))).toBe(false);
    expect(isAvailableForCalls(lunch, at("2026-11-27T13:00:00Z"))).toBe(true);
  });

  it("keeps overnight quiet hours across midnight", () => {
    const night = { ...off, quietHoursStart: 22 * 60, quietHoursEnd: 7 * 60 };
    expect(isAvailableForCalls(night, at("2026-11-27T21:59:00Z"))).toBe(true);
    expect(isAvailableForCalls(night, at("2026-11-27T23:30:00Z"))).toBe(false);
    expect(isAvailableForCalls(night, at("2026-11-28T06:59:00Z"))).toBe(false);
    expect(isAvailableForCalls(night, at("2026-11-28T07:00:00Z"))).toBe(true);
  });

  it("reads quiet hours in the user's own time zone", () => {
    // 23:30 UTC is 08:30 the next day in Tokyo (UTC+9, no DST) and 18:30 in New York in November (UTC-5).
    expect(minuteOfDayIn("Asia/Tokyo", at("2026-11-27T23:30:00Z"))).toBe(8 * 60 + 30);
    expect(minuteOfDayIn("America/New_York", at("2026-11-27T23:30:00Z"))).toBe(18 * 60 + 30);
    const tokyoNights = { ...off, quietHoursStart: 22 * 60, quietHoursEnd: 7 * 60, timeZone: "Asia/Tokyo" };
    expect(isAvailableForCalls(tokyoNights, at("2026-11-27T23:30:00Z"))).toBe(true);
    expect(isAvailableForCalls(tokyoNights, at("2026-11-27T14:00:00Z"))).toBe(false);
  });
});
