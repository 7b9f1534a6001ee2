import { auth } from "@/auth";
import { AppError } from "@/server/errors";
import { deps } from "@/server/infra/deps";
import { meetingIcs } from "@/server/services/rooms/meetings";
import { getRoom } from "@/server/services/rooms/rooms";

/** A meeting as an .ics file for the signed-in people who may enter it; anyone else a 404, as if it did not exist. */
export async function GET(_req: Request, { params }: { params: Promise<{ roomId: string }> }) {
  const session = await auth();
  const { roomId } = await params;
  if (!session?.user || !/^[A-Za-z0-9_-]{1,64}$/.test(roomId)) return new Response("Not found", { status: 404 });
  try {
    const view = await getRoom(deps(), session.user.id, roomId);
    if (view.kind !== "MEETING" || !view.startsAt || !view.endsAt) return new Response("Not found", { status: 404 });
    return new Response(meetingIcs(view, deps().env.APP_URL), {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="meeting-${view.id}.ics"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return new Response("Not found", { status: 404 });
    throw error;
  }
}
