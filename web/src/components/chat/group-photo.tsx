"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { ConversationAvatar } from "./conversation-avatar";
import type { Conversation } from "./types";

const ACCEPTED = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;

/** The group's photo; admins can change or remove it (uploaded like a profile photo, then set on the group). */
export function GroupPhoto({ conversation, canChange }: { conversation: Conversation; canChange: boolean }) {
  const trpc = useTRPC();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const createUpload = useMutation(trpc.profile.createAvatarUpload.mutationOptions());
  const setAvatar = useMutation(trpc.chat.setAvatar.mutationOptions());

  async function change(uploadKey: string | null) {
    setBusy(true);
    setError(null);
    try {
      await setAvatar.mutateAsync({ conversationId: conversation.id, uploadKey });
    } catch (e) {
      setError(formErrors(e).form);
    } finally {
      setBusy(false);
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (!(ACCEPTED as readonly string[]).includes(file.type)) return setError("Choose a JPEG, PNG, WebP or GIF image.");
    if (file.size > 5 * 1024 * 1024) return setError("That image is larger than 5 MB.");
    setBusy(true);
    try {
      const upload = await createUpload.mutateAsync({
        contentType: file.type as (typeof ACCEPTED)[number],
        size: file.size,
      });
      const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: file });
      if (!put.ok) throw new Error("The upload failed. Try again.");
      await change(upload.uploadKey);
    } catch (e) {
      setError(formErrors(e).form ?? (e instanceof Error ? e.message : "The upload failed."));
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <ConversationAvatar conversation={conversation} size={64} />
        {canChange ? (
          <div className="flex flex-wrap gap-2">
            <input
              ref={input}
              type="file"
              accept={ACCEPTED.join(",")}
              className="sr-only"
              onChange={onFile}
              aria-label="Choose a group photo"
              data-testid="group-photo-input"
            />
            <Button variant="secondary" onClick={() => input.current?.click()} pending={busy}>
              {conversation.avatarUrl ? "Change photo" : "Add a photo"}
            </Button>
            {conversation.avatarUrl ? (
              <Button variant="ghost" onClick={() => void change(null)} disabled={busy}>
                Remove
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      <FormAlert message={error} />
    </div>
  );
}
