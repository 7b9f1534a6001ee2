import { auth } from "@/auth";
import { AppError } from "@/server/errors";
import { deps } from "@/server/infra/deps";
import { attachmentDownloadUrl } from "@/server/services/chat/attachments";

/** Members get a one-minute presigned link to the file; anyone else a 404, as if it did not exist. */
export async function GET(_req: Request, { params }: { params: Promise<{ attachmentId: string }> }) {
  const session = await auth();
  const { attachmentId } = await params;
  if (!session?.user || !/^[A-Za-z0-9_-]{1,64}$/.test(attachmentId)) return new Response("Not found", { status: 404 });
  try {
    const url = await attachmentDownloadUrl(deps(), session.user.id, attachmentId);
    return new Response(null, { status: 302, headers: { Location: url, "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return new Response("Not found", { status: 404 });
    throw error;
  }
}
