"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useId } from "react";
import { useTRPC } from "@/trpc/client";
import { LEGAL_PAGES } from "../legal/legal-links";
import { Button } from "../ui/button";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";

export function SignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const errors = formErrors(signUp.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      email: String(form.get("email")),
      username: String(form.get("username")),
      displayName: String(form.get("displayName")),
      password: String(form.get("password")),
      // Sent as ticked or not: the server refuses an account without it and says so beside the box.
      acceptTerms: form.get("acceptTerms") === "on",
    };
    signUp.mutate(input as typeof input & { acceptTerms: true });
  }

  if (signUp.isSuccess) return <CheckYourEmail email={signUp.variables.email} />;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormAlert message={errors.form} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.fields.email} />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        required
        minLength={3}
        maxLength={30}
        error={errors.fields.username}
        hint="Letters, digits and underscores. Friends find you by it."
      />
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="name"
        required
        maxLength={60}
        error={errors.fields.displayName}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        error={errors.fields.password}
        hint="At least 12 characters. A short sentence works well."
      />
      <AcceptTerms error={errors.fields.acceptTerms} />
      <Button type="submit" pending={signUp.isPending} className="w-full">
        Create account
      </Button>
    </form>
  );
}

/** The required "I agree" box; the links open beside the form, so what is typed stays. */
function AcceptTerms({ error }: { error?: string }) {
  const id = useId();
  const link = (page: (typeof LEGAL_PAGES)[keyof typeof LEGAL_PAGES], text: string) => (
    <Link href={page.href} target="_blank" rel="noopener" className="font-medium text-ember-700 underline">
      {text}
    </Link>
  );
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          name="acceptTerms"
          type="checkbox"
          required
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-msg` : undefined}
          className="mt-0.5 size-4 shrink-0 accent-ember-600"
        />
        <label htmlFor={id} className="text-sm text-stone-700">
          I agree to the {link(LEGAL_PAGES.terms, "Terms")} and {link(LEGAL_PAGES.privacy, "Privacy policy")}
        </label>
      </div>
      {error ? (
        <p id={`${id}-msg`} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The same answer whether the address was new or already had an account (the owner of an existing one is emailed). */
function CheckYourEmail({ email }: { email: string }) {
  return (
    <div className="space-y-4" role="status">
      <h2 className="text-lg font-semibold">Check your email</h2>
      <p className="text-sm text-stone-700">
        We sent a message to <strong className="break-all">{email}</strong>. Open the link in it to confirm your address
        and finish setting up your account.
      </p>
      <p className="text-sm text-stone-500">
        Nothing there after a few minutes? Look in your spam folder, or check the address and sign up again.
      </p>
      <Link href="/sign-in" className="block text-center text-sm font-medium text-ember-700 hover:underline">
        Go to sign in
      </Link>
    </div>
  );
}
