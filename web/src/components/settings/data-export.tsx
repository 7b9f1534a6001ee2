"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fullDate as day } from "@/lib/dates";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";

/** "Download my data": asks the worker for a zip, then offers it until it expires (the email and a notification say when it is ready). */
export function DataExportSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // While the archive is being prepared, look again now and then (the notification also arrives live).
  const current = useQuery({
    ...trpc.account.dataExport.queryOptions(),
    refetchInterval: (query) => (query.state.data?.status === "PENDING" ? 5000 : false),
  });
  const request = useMutation(
    trpc.account.requestExport.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.account.dataExport.queryKey(), data),
    }),
  );
  const latest = current.data;
  const ask = (label: string, variant: "primary" | "secondary" = "primary") => (
    <Button type="button" variant={variant} pending={request.isPending} onClick={() => request.mutate()}>
      {label}
    </Button>
  );
  return (
    <Card>
      <h2 id="download-my-data" className="mb-1 scroll-mt-24 font-semibold">
        Download my data
      </h2>
      <p className="mb-4 text-sm text-stone-600">
        A zip of your profile and settings, friends, the conversations you are in and the messages you sent, your calls
        and meetings. We email you and notify you here when it is ready.
      </p>
      <FormAlert message={formErrors(request.error).form} />
      {current.isPending ? (
        <Spinner />
      ) : !latest ? (
        ask("Prepare my data")
      ) : latest.status === "PENDING" ? (
        <p className="flex items-center gap-2 text-sm text-stone-700" role="status">
          <span
            aria-hidden
            className="size-4 animate-spin rounded-full border-2 border-stone-400 border-t-transparent"
          />
          Preparing your data… You can leave this page.
        </p>
      ) : latest.status === "READY" && latest.downloadUrl && latest.expiresAt ? (
        <div className="flex flex-wrap items-center gap-3">
          <a
            href={latest.downloadUrl}
            className="inline-flex items-center justify-center rounded-lg bg-ember-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-ember-700"
          >
            Download
          </a>
          <span className="text-sm text-stone-600">Ready until {day(latest.expiresAt)}.</span>
        </div>
      ) : latest.status === "EXPIRED" ? (
        <div className="space-y-3">
          <p className="text-sm text-stone-600">
            Your last download expired{latest.expiresAt ? ` on ${day(latest.expiresAt)}` : ""} and was deleted.
          </p>
          {ask("Prepare a new one", "secondary")}
        </div>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-red-700">We could not prepare your data. Please try again.</p>
          {ask("Try again", "secondary")}
        </div>
      )}
    </Card>
  );
}
