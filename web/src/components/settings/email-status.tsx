"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useMe } from "./use-me";

export function EmailStatus() {
  const trpc = useTRPC();
  const { me } = useMe();
  const resend = useMutation(trpc.account.resendVerification.mutationOptions());
  if (!me.data) return <Card>{me.isError ? <FormAlert message={formErrors(me.error).form} /> : <Spinner />}</Card>;
  return (
    <Card>
      <h2 className="mb-2 font-semibold">Email</h2>
      <p className="text-stone-700">
        {me.data.email}{" "}
        {me.data.emailVerifiedAt ? (
          <span className="ml-1 inline-block rounded-full whitespace-nowrap bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800">
            Confirmed
          </span>
        ) : (
          <span className="ml-1 inline-block rounded-full whitespace-nowrap bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">
            Not confirmed
          </span>
        )}
      </p>
      {!me.data.emailVerifiedAt ? (
        <div className="mt-3 space-y-3">
          <FormAlert message={formErrors(resend.error).form} />
          {resend.isSuccess ? <FormAlert tone="success" message="We sent a new confirmation link." /> : null}
          <Button variant="secondary" onClick={() => resend.mutate()} pending={resend.isPending}>
            Resend confirmation email
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
