import "server-only";
/** Whether calls ring for this user right now: not during do-not-disturb, nor inside their daily quiet hours. */
export interface CallAvailabilitySettings {
  doNotDisturbUntil: Date | null;
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
  timeZone: string;
}

export function isAvailableForCalls(settings: CallAvailabilitySettings, now: Date): boolean {
  if (settings.doNotDisturbUntil && settings.doNotDisturbUntil > now) return false;
  const { quietHoursStart: start, quietHoursEnd: end } = settings;
  if (start === null || end === null) return true;
  const minute = minuteOfDayIn(settings.timeZone, now);
  // An overnight window (22:00–07:00) wraps past midnight.
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  return !quiet;
}

/** Minutes since local midnight in an IANA time zone (UTC for unknown zones). */
export function minuteOfDayIn(timeZone: string, at: Date): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(at);
  } catch {
    return at.getUTCHours() * 60 + at.getUTCMinutes();
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}
