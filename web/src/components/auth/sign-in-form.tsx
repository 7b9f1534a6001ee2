"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "../ui/button";
import { FormAlert, TextField } from "../ui/field";
import { signInWithPassword, type SignInState } from "./actions";

export function SignInForm({ next, notice }: { next: string; notice?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, {
    error: null,
    needsSecondFactor: false,
  });
  // Controlled, because React resets uncontrolled fields after a form action, and the second-factor step resubmits them.
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormAlert message={notice} tone="success" />
      <FormAlert message={state.error} />
      <div className={state.needsSecondFactor ? "hidden" : "space-y-4"}>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {state.needsSecondFactor ? (
        <TextField
          label="Two-factor code"
          name="secondFactor"
          inputMode="text"
          autoComplete="one-time-code"
          autoFocus
          required
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        />
      ) : null}
      <Button type="submit" pending={pending} className="w-full">
        {state.needsSecondFactor ? "Verify and sign in" : "Sign in"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="text-ember-700 hover:underline">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}
