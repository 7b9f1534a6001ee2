import type { Client } from "./call-controller";

/** Uploads a finished call recording to the 1:1 conversation (the usual presigned attachment flow) and sends it there. */
export async function sendRecording(client: Client, conversationId: string, recording: Blob) {
  const name = `Call recording ${new Date().toISOString().slice(0, 16).replace("T", " ")}.webm`;
  const upload = await client.chat.createAttachmentUpload.mutate({
    conversationId,
    name,
    contentType: "video/webm",
    size: recording.size,
  });
  const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: recording });
  if (!put.ok) throw new Error("The recording did not upload.");
  await client.chat.send.mutate({ conversationId, body: "", attachmentIds: [upload.attachmentId] });
}
