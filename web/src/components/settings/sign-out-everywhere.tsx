"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";

/** Ends every session of the account, this one included (a lost phone, a shared computer). */
export function SignOutEverywhere() {
  const trpc = useTRPC();
  const signOut = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({
      onSuccess: () => window.location.assign("/sign-in?notice=signed-out"),
    }),
  );
  return (
    <Card>
      <h2 className="mb-1 font-semibold">Sessions</h2>
      <p className="mb-4 text-sm text-stone-600">
        Signed in on a computer you no longer use, or lost a phone? End every session at once, this one included.
      </p>
      <FormAlert message={formErrors(signOut.error).form} />
      <Button type="button" variant="secondary" pending={signOut.isPending} onClick={() => signOut.mutate()}>
        Sign out everywhere
      </Button>
    </Card>
  );
}
