"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { JitsiDefaults } from "@/server/services/rooms/jitsi-settings";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, SelectField, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";

const recordingChoices: { value: JitsiDefaults["recordingPolicy"]; label: string }[] = [
  { value: "NOBODY", label: "Nobody" },
  { value: "OWNER", label: "Room owners" },
  { value: "HOSTS", label: "Owners and hosts" },
  { value: "EVERYONE", label: "Everyone in the meeting" },
];

/** The admin's Jitsi defaults: they feed every new token and every meeting page's configOverwrite (changes audited). */
export function JitsiDefaultsForm() {
  const trpc = useTRPC();
  const defaults = useQuery(trpc.admin.jitsiDefaults.queryOptions());
  if (!defaults.data)
    return (
      <Card>
        {defaults.isError ? (
          <FormAlert message={formErrors(defaults.error).form} />
        ) : (
          <Spinner label="Loading Jitsi settings" />
        )}
      </Card>
    );
  return <DefaultsForm saved={defaults.data} />;
}

function DefaultsForm({ saved }: { saved: JitsiDefaults }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(saved);
  const [maxText, setMaxText] = useState(String(saved.maxParticipants));
  const update = useMutation(
    trpc.admin.updateJitsiDefaults.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.admin.jitsiDefaults.queryKey(), next),
    }),
  );
  const errors = formErrors(update.error);
  const set = <K extends keyof JitsiDefaults>(key: K, value: JitsiDefaults[K]) => {
    update.reset();
    setValues((v) => ({ ...v, [key]: value }));
  };

  const changeMax = (text: string) => {
    update.reset();
    setMaxText(text);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A blank or non-number goes as NaN → the server's own message ("At least 2.").
    update.mutate({ ...values, maxParticipants: maxText.trim() === "" ? Number.NaN : Number(maxText) });
  };

  return (
    <Card>
      <h2 className="font-semibold">Meeting defaults</h2>
      <p className="mt-1 mb-4 text-sm text-stone-500">
        Apply to every group call, meeting and personal room from the next join; tokens already handed out keep theirs
        until they expire.
      </p>
      <form onSubmit={submit} className="space-y-5">
        <FormAlert message={errors.form} />
        {update.isSuccess ? <FormAlert tone="success" message="Jitsi defaults saved." /> : null}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-stone-700">When people join</legend>
          <Check
            label="Start with microphones muted"
            checked={values.startAudioMuted}
            onChange={(on) => set("startAudioMuted", on)}
          />
          <Check
            label="Start with cameras off"
            checked={values.startVideoMuted}
            onChange={(on) => set("startVideoMuted", on)}
          />
          <Check
            label="Lobby: people not admitted outright wait for a host"
            hint="Off: those people are refused instead of waiting."
            checked={values.lobbyEnabled}
            onChange={(on) => set("lobbyEnabled", on)}
          />
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Maximum people in a room"
            type="number"
            inputMode="numeric"
            min={2}
            max={500}
            value={maxText}
            onChange={(e) => changeMax(e.target.value)}
            error={errors.fields.maxParticipants}
            hint="Hosts can always join."
          />
          <SelectField
            label="Who may record"
            value={values.recordingPolicy}
            onChange={(e) => set("recordingPolicy", e.target.value as JitsiDefaults["recordingPolicy"])}
            error={errors.fields.recordingPolicy}
            hint="Never while a room is end-to-end encrypted."
          >
            {recordingChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="flex justify-end">
          <Button type="submit" pending={update.isPending}>
            Save defaults
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Check({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="flex items-start gap-3">
      <input
        type="checkbox"
        className="mt-0.5 size-4 accent-ember-600"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="text-sm">
        <span className="font-medium text-stone-800">{label}</span>
        {hint ? <span className="block text-stone-500">{hint}</span> : null}
      </span>
    </label>
  );
}
