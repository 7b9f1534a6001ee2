"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { BIO_MAX_CHARS, overLimit } from "@/lib/text-limits";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, TextAreaField, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useMe } from "./use-me";

export function ProfileForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const { me, refresh } = useMe();
  const update = useMutation(
    trpc.profile.update.mutationOptions({ onSuccess: () => Promise.all([refresh(), router.refresh()]) }),
  );
  const errors = formErrors(update.error);
  const [bioLength, setBioLength] = useState<number | null>(null);
  if (!me.data) return <Card>{me.isError ? <FormAlert message={formErrors(me.error).form} /> : <Spinner />}</Card>;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (overLimit("bio", String(form.get("bio")).trim().length)) return;
    update.mutate({
      username: String(form.get("username")),
      displayName: String(form.get("displayName")),
      bio: String(form.get("bio")),
    });
  };
  return (
    <Card>
      <h2 className="mb-4 font-semibold">Profile</h2>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormAlert message={errors.form} />
        {update.isSuccess ? <FormAlert tone="success" message="Profile saved." /> : null}
        <TextField
          label="Display name"
          name="displayName"
          defaultValue={me.data.displayName}
          required
          maxLength={60}
          error={errors.fields.displayName}
        />
        <TextField
          label="Username"
          name="username"
          defaultValue={me.data.username}
          required
          maxLength={30}
          error={errors.fields.username}
          hint="Changing it changes your profile link."
        />
        <TextAreaField
          label="Bio"
          name="bio"
          defaultValue={me.data.bio}
          rows={3}
          onChange={(e) => setBioLength(e.target.value.trim().length)}
          error={overLimit("bio", bioLength ?? me.data.bio.length) ?? errors.fields.bio}
          hint={`${(bioLength ?? me.data.bio.length).toLocaleString("en")} / ${BIO_MAX_CHARS} characters.`}
        />
        <Button type="submit" pending={update.isPending}>
          Save profile
        </Button>
      </form>
    </Card>
  );
}
