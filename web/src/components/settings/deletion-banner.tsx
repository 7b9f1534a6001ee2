"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { fullDate } from "@/lib/dates";
import { useTRPC } from "@/trpc/client";
import { formErrors } from "../ui/form-errors";

/** Shown on every page while the account is scheduled for deletion: one press keeps it. */
export function DeletionBanner({ deleteOn }: { deleteOn: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const keep = useMutation(
    trpc.account.cancelDeletion.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
        router.refresh();
      },
    }),
  );
  const when = fullDate(new Date(deleteOn));
  return (
    <div role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-center text-sm text-red-900">
      Your account will be deleted on{" "}
      <time dateTime={deleteOn} suppressHydrationWarning>
        {when}
      </time>
      .{" "}
      <button
        type="button"
        className="font-medium whitespace-nowrap underline disabled:opacity-60"
        disabled={keep.isPending}
        onClick={() => keep.mutate()}
      >
        Keep my account
      </button>
      {keep.error ? <span className="ml-2">{formErrors(keep.error).form}</span> : null}
    </div>
  );
}
