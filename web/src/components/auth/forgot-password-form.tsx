"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const errors = formErrors(request.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate({ email: String(new FormData(event.currentTarget).get("email")) });
  };
  if (request.isSuccess) {
    return (
      <FormAlert
        tone="success"
        message="If that address has an account, a reset link is on its way. It works for one hour."
      />
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormAlert message={errors.form} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.fields.email} />
      <Button type="submit" pending={request.isPending} className="w-full">
        Send reset link
      </Button>
    </form>
  );
}
