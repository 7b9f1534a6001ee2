"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reset = useMutation(
    trpc.account.resetPassword.mutationOptions({ onSuccess: () => router.push("/sign-in?notice=password-reset") }),
  );
  const errors = formErrors(reset.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reset.mutate({ token, password: String(new FormData(event.currentTarget).get("password")) });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormAlert message={errors.form ?? errors.fields.token} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        error={errors.fields.password}
        hint="At least 12 characters."
      />
      <Button type="submit" pending={reset.isPending} className="w-full">
        Set new password
      </Button>
    </form>
  );
}
