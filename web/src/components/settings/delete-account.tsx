"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useMe } from "./use-me";

/**
 * "Delete my account": confirmed with the password (and a 2FA code when it is on). Deletion happens after a grace
 * period; every session ends at once, and signing in again shows a banner with "Keep my account".
 */
export function DeleteAccount() {
  const trpc = useTRPC();
  const { me } = useMe();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.account.requestDeletion.mutationOptions({
      onSuccess: () => window.location.assign("/sign-in?notice=deletion-scheduled"),
    }),
  );
  if (!me.data) return <Card>{me.isError ? null : <Spinner />}</Card>;
  const errors = formErrors(remove.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    remove.mutate({
      password: String(form.get("password") ?? "") || undefined,
      secondFactor: String(form.get("secondFactor") ?? "") || undefined,
    });
  };
  return (
    <Card className="border-red-200">
      <h2 className="mb-1 font-semibold text-red-800">Delete my account</h2>
      <p className="mb-4 text-sm text-stone-600">
        Your profile, friends, files and photo are deleted; messages you sent stay in others’ conversations as from
        “Deleted user”. You can change your mind for a while: we email you the date, and signing in before then lets you
        keep your account.
      </p>
      {me.data.deletionScheduledAt ? (
        <p className="text-sm text-red-800">
          Your account is scheduled for deletion. Use “Keep my account” at the top of the page to cancel.
        </p>
      ) : !confirming ? (
        <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
          Delete my account…
        </Button>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormAlert message={errors.form} />
          {me.data.hasPassword ? (
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={errors.fields.password}
            />
          ) : null}
          {me.data.totpEnabledAt ? (
            <TextField
              label="Code from your authenticator app (or a recovery code)"
              name="secondFactor"
              autoComplete="one-time-code"
              required
              error={errors.fields.secondFactor}
            />
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" pending={remove.isPending}>
              Delete my account
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
