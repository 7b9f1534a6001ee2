"use client";

import { useMutation } from "@tanstack/react-query";
import QRCode from "qrcode";
import { useEffect, useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { signOutAction } from "../auth/actions";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { RecoveryCodes } from "./recovery-codes";
import { useMe } from "./use-me";

export function TwoFactorSettings() {
  const trpc = useTRPC();
  const { me, refresh } = useMe();
  const begin = useMutation(trpc.account.beginTotp.mutationOptions());
  const confirm = useMutation(trpc.account.confirmTotp.mutationOptions());
  const disable = useMutation(trpc.account.disableTotp.mutationOptions({ onSuccess: () => signOutAction() }));
  const regenerate = useMutation(trpc.account.regenerateRecoveryCodes.mutationOptions({ onSuccess: refresh }));
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (begin.data) void QRCode.toDataURL(begin.data.uri, { margin: 1, width: 200 }).then(setQr);
  }, [begin.data]);

  if (!me.data) return <Card>{me.isError ? null : <Spinner />}</Card>;
  const codes = confirm.data?.recoveryCodes ?? regenerate.data?.recoveryCodes;

  if (codes) {
    return (
      <Card>
        <h2 className="mb-2 font-semibold">Save your recovery codes</h2>
        <p className="mb-3 text-sm text-stone-600">
          Each code signs you in once if you lose your authenticator. Store them somewhere safe: they are shown only
          now.
        </p>
        <RecoveryCodes codes={codes} />
        {confirm.data ? (
          <div className="mt-4 space-y-2">
            <p className="text-sm text-stone-600">Two-factor authentication is on. Sign in again to continue.</p>
            <Button onClick={() => signOutAction()}>I saved them — sign in again</Button>
          </div>
        ) : null}
      </Card>
    );
  }

  if (me.data.totpEnabledAt) {
    const onDisable = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      disable.mutate({ password: String(new FormData(event.currentTarget).get("password")) });
    };
    const onRegenerate = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      regenerate.mutate({ password: String(new FormData(event.currentTarget).get("password")) });
    };
    return (
      <Card>
        <h2 className="mb-2 font-semibold">Two-factor authentication</h2>
        <p className="mb-4 text-sm text-green-800">On. {me.data.recoveryCodesLeft} recovery codes left.</p>
        <form onSubmit={onRegenerate} className="mb-4 space-y-3" noValidate>
          <FormAlert message={formErrors(regenerate.error).form} />
          <TextField
            label="Password (to make new recovery codes)"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={formErrors(regenerate.error).fields.password}
          />
          <Button variant="secondary" type="submit" pending={regenerate.isPending}>
            New recovery codes
          </Button>
        </form>
        {me.data.role === "ADMIN" ? (
          <p className="text-sm text-stone-500">Admins must keep two-factor authentication on.</p>
        ) : (
          <form onSubmit={onDisable} className="space-y-3 border-t border-stone-200 pt-4" noValidate>
            <FormAlert message={formErrors(disable.error).form} />
            <TextField
              label="Password (to turn it off)"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={formErrors(disable.error).fields.password}
            />
            <Button variant="danger" type="submit" pending={disable.isPending}>
              Turn off two-factor authentication
            </Button>
          </form>
        )}
      </Card>
    );
  }

  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate({ code: String(new FormData(event.currentTarget).get("code")) });
  };
  return (
    <Card>
      <h2 className="mb-2 font-semibold">Two-factor authentication</h2>
      <p className="mb-4 text-sm text-stone-600">
        Protect your account with a code from an authenticator app each time you sign in.
        {me.data.role === "ADMIN" ? " Required for admins." : ""}
      </p>
      <FormAlert message={formErrors(begin.error).form} />
      {!begin.data ? (
        <form
          className="space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            begin.mutate({ password: String(new FormData(event.currentTarget).get("password") ?? "") });
          }}
        >
          <TextField
            label="Password (to set it up)"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={formErrors(begin.error).fields.password}
          />
          <Button type="submit" pending={begin.isPending}>
            Set up two-factor authentication
          </Button>
        </form>
      ) : (
        <form onSubmit={onConfirm} className="space-y-4" noValidate>
          <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
            {qr ? (
              <img
                src={qr}
                alt="QR code for your authenticator app"
                width={160}
                height={160}
                className="rounded-lg border border-stone-200"
              />
            ) : null}
            <div className="min-w-0 text-sm text-stone-600">
              <p>Scan the code with your authenticator app, or enter this key:</p>
              <code className="mt-1 block rounded bg-stone-100 px-2 py-1 font-mono break-all" data-testid="totp-secret">
                {begin.data.secret}
              </code>
            </div>
          </div>
          <FormAlert message={formErrors(confirm.error).form} />
          <TextField
            label="6-digit code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            error={formErrors(confirm.error).fields.code}
          />
          <Button type="submit" pending={confirm.isPending}>
            Turn on
          </Button>
        </form>
      )}
    </Card>
  );
}
