"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, SelectField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useMe } from "./use-me";

const audiences = [
  { value: "EVERYONE", label: "Everyone on Hearth" },
  { value: "FRIENDS_OF_FRIENDS", label: "Friends of friends" },
  { value: "FRIENDS", label: "Friends only" },
  { value: "NOBODY", label: "Nobody" },
] as const;
type Audience = (typeof audiences)[number]["value"];

function AudienceSelect({ name, label, value, hint }: { name: string; label: string; value: Audience; hint: string }) {
  return (
    <SelectField label={label} name={name} defaultValue={value} hint={hint}>
      {audiences.map((a) => (
        <option key={a.value} value={a.value}>
          {a.label}
        </option>
      ))}
    </SelectField>
  );
}

export function PrivacyForm() {
  const trpc = useTRPC();
  const { me, refresh } = useMe();
  const update = useMutation(trpc.profile.updatePrivacy.mutationOptions({ onSuccess: refresh }));
  if (!me.data) return <Card>{me.isError ? null : <Spinner />}</Card>;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      profileVisibility: form.get("profileVisibility") as Audience,
      friendRequestPolicy: form.get("friendRequestPolicy") as Audience,
      callPolicy: form.get("callPolicy") as Audience,
      roomPolicy: form.get("roomPolicy") as Audience,
    });
  };
  return (
    <Card>
      <h2 className="mb-4 font-semibold">Privacy</h2>
      <form onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={formErrors(update.error).form} />
        {update.isSuccess ? <FormAlert tone="success" message="Privacy settings saved." /> : null}
        <AudienceSelect
          name="profileVisibility"
          label="Who can see my profile"
          value={me.data.profileVisibility}
          hint="Others see only your name and photo. People you block never see you."
        />
        <AudienceSelect
          name="friendRequestPolicy"
          label="Who can send me friend requests"
          value={me.data.friendRequestPolicy}
          hint="People who can do neither will not find you in search."
        />
        <AudienceSelect
          name="callPolicy"
          label="Who can call me"
          value={me.data.callPolicy}
          hint="Applies to video calls."
        />
        <AudienceSelect
          name="roomPolicy"
          label="Who can walk into my room"
          value={me.data.roomPolicy}
          hint="The room on your profile. Others who can see your profile knock, and you let them in."
        />
        <Button type="submit" pending={update.isPending}>
          Save privacy settings
        </Button>
      </form>
    </Card>
  );
}
