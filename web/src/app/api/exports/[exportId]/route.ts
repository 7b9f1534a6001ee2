import { deps } from "@/server/infra/deps";
import { withErrorResponses } from "@/server/http/error-response";
import { presignedRedirect } from "@/server/http/presigned-redirect";
import { routeCaller, routeId } from "@/server/http/route-caller";
import { dataExportDownloadUrl } from "@/server/services/privacy/data-export";

/**
 * The owner of a ready export gets a one-minute presigned link to the zip; anyone else a 404, as if it did not exist.
 * An admin without 2FA may still download their own data (account.dataExport is a security procedure too).
 */
export const GET = withErrorResponses(async (_req: Request, { params }: { params: Promise<{ exportId: string }> }) => {
  const d = deps();
  const user = await routeCaller(d, "security");
  return presignedRedirect(await dataExportDownloadUrl(d, user.id, routeId((await params).exportId)));
});
