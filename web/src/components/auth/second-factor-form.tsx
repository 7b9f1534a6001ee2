"use client";

import { useActionState } from "react";
import { Button } from "../ui/button";
import { FormAlert, TextField } from "../ui/field";
import { completeProviderSignIn, signOutAction, type SecondFactorState } from "./actions";

/** After signing in with a provider: the account has two-factor authentication on, so the code is still owed. */
export function SecondFactorForm() {
  const [state, action, pending] = useActionState<SecondFactorState, FormData>(completeProviderSignIn, { error: null });
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate>
        <FormAlert message={state.error} />
        <TextField
          label="Two-factor code"
          name="code"
          inputMode="text"
          autoComplete="one-time-code"
          autoFocus
          required
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        />
        <Button type="submit" pending={pending} className="w-full">
          Verify and sign in
        </Button>
      </form>
      <form action={signOutAction}>
        <Button type="submit" variant="secondary" className="w-full">
          Cancel
        </Button>
      </form>
    </div>
  );
}
