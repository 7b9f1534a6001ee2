"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { useNow } from "@/components/ui/use-now";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { toDateTimeInput, tomorrowAt, untilLabel } from "./call-settings-time";

export type CallSettings = RouterOutputs["calls"]["settings"];

const HOUR = 3600_000;

/** Do not disturb: saved at once, keeping the saved quiet hours and time zone as they are. */
export function DoNotDisturb({ settings }: { settings: CallSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nowMs = useNow();
  const [custom, setCustom] = useState<string | null>(null);
  const [customError, setCustomError] = useState<string | null>(null);
  const update = useMutation(
    trpc.calls.updateSettings.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.calls.settings.queryKey(), saved);
        setCustom(null);
      },
    }),
  );
  const errors = formErrors(update.error);
  const setUntil = (until: Date | null) => {
    setCustomError(null);
    update.mutate({ ...settings, doNotDisturbUntil: until?.toISOString() ?? null });
  };
  const onCustom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const until = custom ? new Date(custom) : null;
    if (!until || Number.isNaN(until.getTime()) || until.getTime() <= Date.now())
      return setCustomError("Pick a time in the future.");
    setUntil(until);
  };

  const now = new Date(nowMs);
  const until = settings.doNotDisturbUntil ? new Date(settings.doNotDisturbUntil) : null;
  const on = until !== null && until.getTime() > nowMs;
  const tomorrow = tomorrowAt(8, now);

  return (
    <Card>
      <h2 className="font-semibold">Do not disturb</h2>
      <p className="mt-1 mb-4 text-sm text-stone-500">
        Calls do not ring while it is on; callers see that you are unavailable and you get a missed call.
      </p>
      <div className="space-y-3">
        {/* Quiet hours and time zone travel unchanged, so their errors can only be the saved values': say so here. */}
        <FormAlert message={errors.form ?? errors.fields.quietHours ?? errors.fields.timeZone} />
        {on ? (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3">
            <p role="status" className="text-sm font-medium text-amber-900">
              On until {untilLabel(until, now)}
            </p>
            <Button variant="secondary" onClick={() => setUntil(null)} pending={update.isPending}>
              Turn off
            </Button>
          </div>
        ) : (
          <>
            <p className="text-sm text-stone-700">
              Off. <span className="text-stone-500">Turn it on:</span>
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setUntil(new Date(nowMs + HOUR))} disabled={update.isPending}>
                For 1 hour
              </Button>
              <Button variant="secondary" onClick={() => setUntil(tomorrow)} disabled={update.isPending}>
                Until tomorrow {tomorrow.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" })}
              </Button>
              <Button
                variant="secondary"
                onClick={() => setCustom(custom === null ? toDateTimeInput(new Date(nowMs + 2 * HOUR)) : null)}
                aria-expanded={custom !== null}
              >
                Until a time…
              </Button>
            </div>
            {custom !== null ? (
              <form onSubmit={onCustom} className="flex flex-wrap items-end gap-2">
                <div className="min-w-56 flex-1">
                  <TextField
                    label="Do not disturb until"
                    type="datetime-local"
                    value={custom}
                    min={toDateTimeInput(now)}
                    onChange={(e) => setCustom(e.target.value)}
                    error={customError ?? errors.fields.doNotDisturbUntil}
                    required
                  />
                </div>
                <Button type="submit" pending={update.isPending}>
                  Turn on
                </Button>
              </form>
            ) : errors.fields.doNotDisturbUntil ? (
              <p className="text-sm text-red-600">{errors.fields.doNotDisturbUntil}</p>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}
