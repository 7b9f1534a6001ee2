"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { formErrors } from "../ui/form-errors";

const ACCEPTED = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/gif",
  "application/pdf",
  "text/plain",
  "application/zip",
  "audio/mpeg",
  "audio/mp4",
  "video/mp4",
  "video/webm",
] as const;
type Accepted = (typeof ACCEPTED)[number];
export const ATTACHMENT_ACCEPT = ACCEPTED.join(",");
const MAX_BYTES = 25 * 1024 * 1024;

export interface PendingFile {
  key: string;
  name: string;
  status: "uploading" | "ready" | "failed";
  attachmentId?: string;
}

/** Files picked for the next message: each goes straight to storage through a presigned URL while the user types. */
export function useAttachmentUploads(conversationId: string) {
  const trpc = useTRPC();
  const create = useMutation(trpc.chat.createAttachmentUpload.mutationOptions());
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const update = (key: string, patch: Partial<PendingFile>) =>
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  async function add(picked: FileList | null) {
    setError(null);
    for (const file of Array.from(picked ?? []).slice(0, 10)) {
      if (!(ACCEPTED as readonly string[]).includes(file.type)) {
        setError(`${file.name}: that kind of file cannot be shared here.`);
        continue;
      }
      if (file.size > MAX_BYTES) {
        setError(`${file.name} is larger than 25 MB.`);
        continue;
      }
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setFiles((list) => [...list, { key, name: file.name, status: "uploading" }]);
      try {
        const upload = await create.mutateAsync({
          conversationId,
          name: file.name,
          contentType: file.type as Accepted,
          size: file.size,
        });
        const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: file });
        if (!put.ok) throw new Error(`${file.name} did not upload. Try again.`);
        update(key, { status: "ready", attachmentId: upload.attachmentId });
      } catch (e) {
        update(key, { status: "failed" });
        setError(formErrors(e).form ?? (e instanceof Error ? e.message : "The upload failed."));
      }
    }
  }

  /** Puts uploaded files back (a message the server refused comes back to the composer). */
  const restore = useCallback((ready: { attachmentId: string; name: string }[]) => {
    setFiles((list) => [
      ...list,
      ...ready.map((f) => ({
        key: f.attachmentId,
        name: f.name,
        status: "ready" as const,
        attachmentId: f.attachmentId,
      })),
    ]);
  }, []);

  return {
    files,
    restore,
    error,
    add,
    remove: (key: string) => setFiles((list) => list.filter((f) => f.key !== key)),
    clear: () => setFiles([]),
    uploading: files.some((f) => f.status === "uploading"),
    readyIds: files.filter((f) => f.status === "ready").map((f) => f.attachmentId!),
    ready: files.filter((f) => f.status === "ready").map((f) => ({ attachmentId: f.attachmentId!, name: f.name })),
  };
}
