"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { Card, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { PushToggle } from "./push-toggle";
import { useMe } from "./use-me";

export function NotificationSettings() {
  const trpc = useTRPC();
  const { me, refresh } = useMe();
  const update = useMutation(trpc.notifications.updateSettings.mutationOptions({ onSuccess: refresh }));
  if (!me.data) return <Card>{me.isError ? null : <Spinner />}</Card>;
  return (
    <Card>
      <h2 className="mb-3 font-semibold">Notifications</h2>
      <FormAlert message={formErrors(update.error).form} />
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1 size-4 accent-ember-600"
          checked={update.isPending ? update.variables.emailUnreadMessages : me.data.emailUnreadMessages}
          onChange={(e) => update.mutate({ emailUnreadMessages: e.target.checked })}
        />
        <span>
          <span className="block text-sm font-medium text-stone-800">Email me about unread messages</span>
          <span className="block text-sm text-stone-500">
            One email collecting what you missed, if messages stay unread for a while.
          </span>
        </span>
      </label>
      <div className="mt-4 border-t border-stone-200 pt-4">
        <PushToggle />
      </div>
    </Card>
  );
}
