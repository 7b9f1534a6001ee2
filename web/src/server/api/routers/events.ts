import "server-only";
import { tracked } from "@trpc/server";
import { z } from "zod";
import { EPHEMERAL_ID, isEventId } from "../../services/realtime/event-stream";
import { liveSession } from "../../services/realtime/live-session";
import { securityProcedure, router } from "../trpc";

export const eventsRouter = router({
  /**
   * The caller's live events over Server-Sent Events. Kept events carry their id (tracked), and a client that
   * reconnects sends the last one back as lastEventId to resume with no gap and no duplicate. While open, the
   * connection counts for the caller's presence.
   */
  stream: securityProcedure
    .input(z.object({ lastEventId: z.string().refine(isEventId, "Not an event id.").nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const session = liveSession(
        { db: ctx.deps.db, redis: ctx.deps.redis, hub: ctx.deps.hub() },
        ctx.user.id,
        input?.lastEventId ?? null,
        signal,
        {
          alive: ctx.sessionAlive ?? (async () => true),
          recheckMs: ctx.deps.env.SESSION_RECHECK_SECONDS * 1000,
        },
      );
      for await (const { id, event } of session) {
        yield id === EPHEMERAL_ID ? event : tracked(id, event);
      }
    }),
});
