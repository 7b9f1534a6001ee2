import { notFound } from "@/server/errors";
import { withErrorResponses } from "@/server/http/error-response";
import { routeCaller, routeId } from "@/server/http/route-caller";
import { deps } from "@/server/infra/deps";
import { meetingIcs } from "@/server/services/rooms/meetings";
import { getRoom } from "@/server/services/rooms/rooms";

/** A meeting as an .ics file for the signed-in people who may enter it; anyone else a 404, as if it did not exist. */
export const GET = withErrorResponses(async (_req: Request, { params }: { params: Promise<{ roomId: string }> }) => {
  const d = deps();
  const user = await routeCaller(d, "protected");
  const view = await getRoom(d, user.id, routeId((await params).roomId));
  if (view.kind !== "MEETING" || !view.startsAt || !view.endsAt) throw notFound("That meeting");
  return new Response(meetingIcs(view, d.env.APP_URL), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${view.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
});
