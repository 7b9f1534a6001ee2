/** A date spelled out in the reader's locale, e.g. "Wednesday, 16 December 2026": for deadlines people plan around. */
export const fullDate = (date: Date) =>
  date.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

const startOfDay = (t: number) => new Date(t).setHours(0, 0, 0, 0);
const DAY = 24 * 3600 * 1000;

/** "now", "5m", "3h", "Mon", "Mar 4", "Mar 4, 2024": short, for lists. */
export function relativeTime(date: Date, nowMs: number): string {
  const diff = nowMs - date.getTime();
  if (diff < 60_000) return "now";
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}m`;
  if (diff < DAY && startOfDay(date.getTime()) === startOfDay(nowMs)) return `${Math.floor(diff / 3600_000)}h`;
  if (startOfDay(nowMs) - startOfDay(date.getTime()) < 7 * DAY)
    return date.toLocaleDateString(undefined, { weekday: "short" });
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  return date.toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

/** "Today", "Yesterday", "Monday, March 4" (with the year when not this one): for day separators. */
export function dayLabel(date: Date, nowMs: number): string {
  const days = Math.round((startOfDay(nowMs) - startOfDay(date.getTime())) / DAY);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  return date.toLocaleDateString(undefined, {
    weekday: "long",
    month: "long",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

export const timeOfDay = (date: Date) => date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });

export const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "4:05", "1:02:09": a call's length. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
