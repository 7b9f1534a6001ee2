"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { signInWithPassword } from "./actions";
import { Button } from "../ui/button";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [signingIn, setSigningIn] = useState(false);
  const errors = formErrors(signUp.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      email: String(form.get("email")),
      username: String(form.get("username")),
      displayName: String(form.get("displayName")),
      password: String(form.get("password")),
    };
    try {
      await signUp.mutateAsync(input);
    } catch {
      return; // shown inline from signUp.error
    }
    {
      setSigningIn(true);
      const credentials = new FormData();
      credentials.set("email", input.email);
      credentials.set("password", input.password);
      credentials.set("next", "/?welcome=1");
      const result = await signInWithPassword({ error: null, needsSecondFactor: false }, credentials);
      if (result?.error) router.push("/sign-in");
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormAlert message={errors.form} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.fields.email} />
      <TextField label="Username" name="username" autoComplete="username" required minLength={3} maxLength={30} error={errors.fields.username} hint="Letters, digits and underscores. Friends find you by it." />
      <TextField label="Display name" name="displayName" autoComplete="name" required maxLength={60} error={errors.fields.displayName} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required minLength={12} error={errors.fields.password} hint="At least 12 characters. A short sentence works well." />
      <Button type="submit" pending={signUp.isPending || signingIn} className="w-full">
        Create account
      </Button>
    </form>
  );
}
