"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/trpc/client";
import { Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";

/** After confirming, a signed-out reader signs in and lands on the welcome page. */
const SIGN_IN_AFTER_CONFIRMING = `/sign-in?notice=verified&next=${encodeURIComponent("/?welcome=1")}`;

export function VerifyEmail({ token, signedIn }: { token: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.account.verifyEmail.mutationOptions());
  const { mutate } = verify;
  // Once per token, even when React runs the effect twice (development); the server is idempotent besides.
  const sentFor = useRef<string | null>(null);
  useEffect(() => {
    if (sentFor.current === token) return;
    sentFor.current = token;
    mutate({ token });
  }, [mutate, token]);
  if (verify.isSuccess) {
    return (
      <div className="space-y-4">
        <FormAlert
          tone="success"
          message={
            verify.data.alreadyConfirmed
              ? "Your email address is already confirmed."
              : "Your email address is confirmed. Thank you!"
          }
        />
        {signedIn ? (
          <Link href="/" className="block text-center text-sm font-medium text-ember-700 hover:underline">
            Continue to Hearth
          </Link>
        ) : (
          <Link
            href={SIGN_IN_AFTER_CONFIRMING}
            className="block text-center text-sm font-medium text-ember-700 hover:underline"
          >
            Sign in
          </Link>
        )}
      </div>
    );
  }
  if (verify.isError)
    return <FormAlert message={formErrors(verify.error).form ?? "This verification link is invalid or has expired."} />;
  return <Spinner label="Confirming your email" />;
}
