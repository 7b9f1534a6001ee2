"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, SelectField, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { browserTimeZone, minutesToTimeInput, timeInputToMinutes, timeZoneOptions } from "./call-settings-time";
import { DoNotDisturb, type CallSettings } from "./do-not-disturb";
import { useMe } from "./use-me";

export function CallSettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.calls.settings.queryOptions());
  if (!settings.data)
    return (
      <Card>
        {settings.isError ? (
          <FormAlert message={formErrors(settings.error).form} />
        ) : (
          <Spinner label="Loading call settings" />
        )}
      </Card>
    );
  return (
    <div className="space-y-5">
      <DoNotDisturb settings={settings.data} />
      <QuietHoursForm settings={settings.data} />
      <WhoCanCall />
    </div>
  );
}

const DEFAULT_QUIET = { start: 22 * 60, end: 7 * 60 };

function QuietHoursForm({ settings }: { settings: CallSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detected = browserTimeZone();
  // "UTC" is the column's default: until the user picks a zone, suggest this browser's.
  const suggestZone = settings.timeZone === "UTC" && detected !== "UTC";
  const [enabled, setEnabled] = useState(settings.quietHours !== null);
  const [start, setStart] = useState(minutesToTimeInput((settings.quietHours ?? DEFAULT_QUIET).start));
  const [end, setEnd] = useState(minutesToTimeInput((settings.quietHours ?? DEFAULT_QUIET).end));
  const [timeZone, setTimeZone] = useState(suggestZone ? detected : settings.timeZone);
  const [zones] = useState(() => timeZoneOptions(settings.timeZone, detected));
  const update = useMutation(
    trpc.calls.updateSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.calls.settings.queryKey(), saved),
    }),
  );
  const errors = formErrors(update.error);

  const startMinutes = timeInputToMinutes(start);
  const endMinutes = timeInputToMinutes(end);
  const overnight = startMinutes !== null && endMinutes !== null && startMinutes > endMinutes;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A blank time goes to the server as -1, so its own message explains what is wrong.
    const quietHours = enabled ? { start: startMinutes ?? -1, end: endMinutes ?? -1 } : null;
    update.mutate({ doNotDisturbUntil: settings.doNotDisturbUntil, quietHours, timeZone });
  };

  return (
    <Card>
      <h2 className="font-semibold">Quiet hours</h2>
      <p className="mt-1 mb-4 text-sm text-stone-500">
        Every day, calls during quiet hours arrive as missed calls instead of ringing.
      </p>
      <form onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={errors.form} />
        {update.isSuccess ? <FormAlert tone="success" message="Call settings saved." /> : null}
        <label className="flex items-center gap-3">
          <input
            type="checkbox"
            className="size-4 accent-ember-600"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
          <span className="text-sm font-medium text-stone-800">Turn on quiet hours</span>
        </label>
        {enabled ? (
          <fieldset className="space-y-2">
            <legend className="sr-only">Quiet hours</legend>
            <div className="grid grid-cols-2 gap-3 sm:max-w-sm">
              <TextField
                label="From"
                type="time"
                value={start}
                onChange={(e) => setStart(e.target.value)}
                required
                aria-invalid={!!errors.fields.quietHours}
              />
              <TextField
                label="Until"
                type="time"
                value={end}
                onChange={(e) => setEnd(e.target.value)}
                required
                aria-invalid={!!errors.fields.quietHours}
              />
            </div>
            {errors.fields.quietHours ? (
              <p role="alert" className="text-sm text-red-600">
                {errors.fields.quietHours}
              </p>
            ) : overnight ? (
              <p className="text-sm text-stone-500">
                Overnight: from {start} until {end} the next morning.
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <SelectField
          label="Time zone"
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          error={errors.fields.timeZone}
          hint={
            suggestZone && timeZone === detected
              ? `Detected from this browser; save to use it (currently UTC).`
              : "Quiet hours follow this time zone."
          }
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={update.isPending}>
          Save call settings
        </Button>
      </form>
    </Card>
  );
}

const audienceLabels = {
  EVERYONE: "Everyone on Hearth",
  FRIENDS_OF_FRIENDS: "Friends of friends",
  FRIENDS: "Friends only",
  NOBODY: "Nobody",
} as const;

/** Who may call is a privacy setting, edited with the others; shown here so it is easy to find. */
function WhoCanCall() {
  const { me } = useMe();
  return (
    <Card>
      <h2 className="font-semibold">Who can call me</h2>
      <p className="mt-1 text-sm text-stone-600">
        {me.data ? <strong className="font-medium text-stone-800">{audienceLabels[me.data.callPolicy]}.</strong> : null}{" "}
        People outside this audience cannot call you at all.{" "}
        <Link href="/settings/profile" className="font-medium whitespace-nowrap text-ember-700 hover:underline">
          Change it in Profile &amp; privacy
        </Link>
      </p>
    </Card>
  );
}
