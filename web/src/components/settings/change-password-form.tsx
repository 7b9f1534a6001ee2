"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { signOutAction } from "../auth/actions";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  // Changing the password signs out every session, this one included.
  const change = useMutation(trpc.account.changePassword.mutationOptions({ onSuccess: () => signOutAction() }));
  const errors = formErrors(change.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change.mutate({
      currentPassword: String(form.get("currentPassword")),
      newPassword: String(form.get("newPassword")),
    });
  };
  return (
    <Card>
      <h2 className="mb-4 font-semibold">Password</h2>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormAlert message={errors.form} />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.currentPassword}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          error={errors.fields.newPassword ?? errors.fields.password}
          hint="At least 12 characters. You will be signed out everywhere."
        />
        <Button type="submit" pending={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
