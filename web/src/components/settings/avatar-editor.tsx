"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useMe } from "./use-me";

const ACCEPTED = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;
const MAX_BYTES = 5 * 1024 * 1024;

export function AvatarEditor() {
  const trpc = useTRPC();
  const { me, refresh } = useMe();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const createUpload = useMutation(trpc.profile.createAvatarUpload.mutationOptions());
  const confirm = useMutation(trpc.profile.confirmAvatar.mutationOptions());
  const remove = useMutation(trpc.profile.removeAvatar.mutationOptions({ onSuccess: refresh }));

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setError(null);
    if (!(ACCEPTED as readonly string[]).includes(file.type)) return setError("Choose a JPEG, PNG, WebP or GIF image.");
    if (file.size > MAX_BYTES) return setError("That image is larger than 5 MB.");
    setUploading(true);
    try {
      const upload = await createUpload.mutateAsync({
        contentType: file.type as (typeof ACCEPTED)[number],
        size: file.size,
      });
      const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: file });
      if (!put.ok) throw new Error("The upload failed. Check your connection and try again.");
      await confirm.mutateAsync({ uploadKey: upload.uploadKey });
      await refresh();
    } catch (e) {
      setError(formErrors(e).form ?? (e instanceof Error ? e.message : "The upload failed."));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Card>
      <h2 className="mb-4 font-semibold">Photo</h2>
      <div className="flex items-center gap-4">
        <Avatar name={me.data?.displayName ?? "?"} url={me.data?.avatarUrl ?? null} seed={me.data?.id} size={80} />
        <div className="flex flex-wrap gap-2">
          <input
            ref={input}
            type="file"
            accept={ACCEPTED.join(",")}
            className="sr-only"
            onChange={onFile}
            aria-label="Choose a profile photo"
            data-testid="avatar-input"
          />
          <Button variant="secondary" onClick={() => input.current?.click()} pending={uploading}>
            {me.data?.avatarUrl ? "Change photo" : "Upload photo"}
          </Button>
          {me.data?.avatarUrl ? (
            <Button variant="ghost" onClick={() => remove.mutate()} pending={remove.isPending}>
              Remove
            </Button>
          ) : null}
        </div>
      </div>
      <p className="mt-3 text-sm text-stone-500">JPEG, PNG, WebP or GIF, up to 5 MB. We crop it to a square.</p>
      <div className="mt-3">
        <FormAlert message={error} />
      </div>
    </Card>
  );
}
