import { auth } from "@/auth";
import { AppError } from "./errors";

/**
 * A GET route that sends the signed-in caller to a short-lived presigned URL for a private object, or answers 404
 * (signed out, a malformed id, or whatever the service refuses as NOT_FOUND), as if nothing were there.
 */
export async function redirectToPresigned(id: string, presign: (userId: string, id: string) => Promise<string>): Promise<Response> {
  const session = await auth();
  if (!session?.user || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return new Response("Not found", { status: 404 });
  try {
    const url = await presign(session.user.id, id);
    return new Response(null, { status: 302, headers: { Location: url, "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return new Response("Not found", { status: 404 });
    throw error;
  }
}
