/* Pure time helpers for the call settings (quiet hours are minutes after local midnight in the chosen zone). */

/** 1320 → "22:00", the value an <input type="time"> takes. */
export function minutesToTimeInput(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "22:00" → 1320; null for an empty or malformed value. */
export function timeInputToMinutes(value: string): number | null {
  const match = /^(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** The next day's `hour`:00 in the device's local time. */
export function tomorrowAt(hour: number, now: Date): Date {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(hour, 0, 0, 0);
  return date;
}

/** A Date as an <input type="datetime-local"> value (local time, to the minute). */
export function toDateTimeInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "15:30", "tomorrow 8:00" or "Mon, Mar 4, 8:00": when do-not-disturb ends, relative to now. */
export function untilLabel(until: Date, now: Date): string {
  const time = until.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  if (until.toDateString() === now.toDateString()) return time;
  if (until.toDateString() === tomorrowAt(0, now).toDateString()) return `tomorrow ${time}`;
  const day = until.toLocaleDateString(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
    ...(until.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }),
  });
  return `${day}, ${time}`;
}

/** Every IANA zone the runtime knows, with the ones given (saved, detected) kept even if it lists them differently. */
export function timeZoneOptions(...keep: string[]): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([...known, ...keep, "UTC"])].sort();
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
