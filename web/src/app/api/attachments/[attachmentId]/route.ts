import { deps } from "@/server/infra/deps";
import { withErrorResponses } from "@/server/http/error-response";
import { presignedRedirect } from "@/server/http/presigned-redirect";
import { routeCaller, routeId } from "@/server/http/route-caller";
import { attachmentDownloadUrl } from "@/server/services/chat/attachments";

/** Members get a one-minute presigned link to the file; anyone else a 404, as if it did not exist. */
export const GET = withErrorResponses(
  async (_req: Request, { params }: { params: Promise<{ attachmentId: string }> }) => {
    const d = deps();
    const user = await routeCaller(d, "protected");
    return presignedRedirect(await attachmentDownloadUrl(d, user.id, routeId((await params).attachmentId)));
  },
);
