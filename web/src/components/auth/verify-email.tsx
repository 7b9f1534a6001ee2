"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { useTRPC } from "@/trpc/client";
import { Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";

export function VerifyEmail({ token }: { token: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.account.verifyEmail.mutationOptions());
  const { mutate } = verify;
  useEffect(() => mutate({ token }), [mutate, token]);
  if (verify.isSuccess) {
    return (
      <div className="space-y-4">
        <FormAlert tone="success" message="Your email address is confirmed. Thank you!" />
        <Link href="/" className="block text-center text-sm font-medium text-ember-700 hover:underline">
          Continue to Hearth
        </Link>
      </div>
    );
  }
  if (verify.isError) return <FormAlert message={formErrors(verify.error).form ?? "This verification link is invalid or has expired."} />;
  return <Spinner label="Confirming your email" />;
}
