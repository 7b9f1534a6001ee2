import { tracked } from "@trpc/server";
import { z } from "zod";
import { isEventId } from "../../services/realtime/event-stream";
import { userEventStream } from "../../services/realtime/user-event-stream";
import { securityProcedure, router } from "../trpc";

export const eventsRouter = router({
  /**
   * The caller's live events over Server-Sent Events. Each carries its id (tracked), and a client that reconnects
   * sends the last one back as lastEventId to resume with no gap and no duplicate.
   */
  stream: securityProcedure
    .input(z.object({ lastEventId: z.string().refine(isEventId, "Not an event id.").nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const { id, event } of userEventStream({ redis: ctx.deps.redis, hub: ctx.deps.hub() }, ctx.user.id, input?.lastEventId ?? null, signal)) {
        yield tracked(id, event);
      }
    }),
});
