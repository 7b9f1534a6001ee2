import { describe, expect, it } from "vitest";
import { minutesToTimeInput, timeInputToMinutes, toDateTimeInput, tomorrowAt, untilLabel } from "./call-settings-time";

describe("call settings time helpers", () => {
  it("turns minutes after midnight into time-input values and back", () => {
    expect(minutesToTimeInput(0)).toBe("00:00");
    expect(minutesToTimeInput(22 * 60 + 5)).toBe("22:05");
    expect(timeInputToMinutes("07:30")).toBe(450);
    expect(timeInputToMinutes("23:59:00")).toBe(1439);
    expect(timeInputToMinutes("")).toBeNull();
    expect(timeInputToMinutes("25:00")).toBeNull();
  });

  it("finds tomorrow at 8:00 in local time, across a month's end", () => {
    const t = tomorrowAt(8, new Date(2025, 0, 31, 23, 30));
    expect([t.getFullYear(), t.getMonth(), t.getDate(), t.getHours(), t.getMinutes()]).toEqual([2025, 1, 1, 8, 0]);
  });

  it("formats a datetime-local value to the minute", () => {
    expect(toDateTimeInput(new Date(2025, 2, 4, 9, 7, 45))).toBe("2025-03-04T09:07");
  });

  it("says 'tomorrow' for the next day and leaves today's time bare", () => {
    const now = new Date(2025, 2, 4, 21, 0);
    expect(untilLabel(new Date(2025, 2, 4, 22, 0), now)).not.toMatch(/tomorrow|,/);
    expect(untilLabel(new Date(2025, 2, 5, 8, 0), now)).toMatch(/^tomorrow /);
    expect(untilLabel(new Date(2025, 2, 9, 8, 0), now)).toMatch(/,/);
  });
});
