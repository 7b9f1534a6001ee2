import "server-only";
import type { Deps } from "../../infra/deps";
import type { CallSettingsInput } from "./schemas";

export interface CallSettings {
  doNotDisturbUntil: string | null;
  quietHours: { start: number; end: number } | null;
  timeZone: string;
}

export async function getCallSettings(deps: Deps, userId: string): Promise<CallSettings> {
  const u = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { doNotDisturbUntil: true, quietHoursStart: true, quietHoursEnd: true, timeZone: true },
  });
  return {
    doNotDisturbUntil:
      u.doNotDisturbUntil && u.doNotDisturbUntil > new Date() ? u.doNotDisturbUntil.toISOString() : null,
    quietHours:
      u.quietHoursStart !== null && u.quietHoursEnd !== null
        ? { start: u.quietHoursStart, end: u.quietHoursEnd }
        : null,
    timeZone: u.timeZone,
  };
}

export async function updateCallSettings(deps: Deps, userId: string, input: CallSettingsInput): Promise<CallSettings> {
  await deps.db.user.update({
    where: { id: userId },
    data: {
      doNotDisturbUntil: input.doNotDisturbUntil ? new Date(input.doNotDisturbUntil) : null,
      quietHoursStart: input.quietHours?.start ?? null,
      quietHoursEnd: input.quietHours?.end ?? null,
      timeZone: input.timeZone,
    },
  });
  return getCallSettings(deps, userId);
}
