import { deps } from "@/server/infra/deps";
import { redirectToPresigned } from "@/server/presigned-redirect";
import { dataExportDownloadUrl } from "@/server/services/privacy/data-export";

/** The owner of a ready export gets a one-minute presigned link to the zip; anyone else a 404, as if it did not exist. */
export async function GET(_req: Request, { params }: { params: Promise<{ exportId: string }> }) {
  return redirectToPresigned((await params).exportId, (userId, id) => dataExportDownloadUrl(deps(), userId, id));
}
