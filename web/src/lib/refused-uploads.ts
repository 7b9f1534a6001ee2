/**
 * An upload the server refused and removed (malware) is named in the error's field, `attachment:<id>`, so the
 * composer can take that file off the message being written. Pure: shared by the server and the browser.
 */
const PREFIX = "attachment:";

export const refusedUploadField = (attachmentId: string) => `${PREFIX}${attachmentId}`;

export function refusedUploads(fieldErrors: Record<string, string>): { attachmentId: string; message: string }[] {
  return Object.entries(fieldErrors)
    .filter(([field]) => field.startsWith(PREFIX))
    .map(([field, message]) => ({ attachmentId: field.slice(PREFIX.length), message }));
}
