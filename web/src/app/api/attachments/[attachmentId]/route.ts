import { deps } from "@/server/infra/deps";
import { redirectToPresigned } from "@/server/presigned-redirect";
import { attachmentDownloadUrl } from "@/server/services/chat/attachments";

/** Members get a one-minute presigned link to the file; anyone else a 404, as if it did not exist. */
export async function GET(_req: Request, { params }: { params: Promise<{ attachmentId: string }> }) {
  return redirectToPresigned((await params).attachmentId, (userId, id) => attachmentDownloadUrl(deps(), userId, id));
}
