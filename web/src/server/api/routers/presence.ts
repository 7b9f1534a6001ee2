import "server-only";
import { z } from "zod";
import { friendsPresence, setAway } from "../../services/presence/presence";
import { protectedProcedure, router } from "../trpc";

export const presenceRouter = router({
  /** Online / away / in a call / offline (with last seen) for each of the caller's friends. */
  friends: protectedProcedure.query(({ ctx }) => friendsPresence(ctx.deps, ctx.user.id)),
  /** The client reports idle (no input for a while, tab hidden) or active again. */
  setAway: protectedProcedure
    .input(z.object({ away: z.boolean() }))
    .mutation(({ ctx, input }) => setAway(ctx.deps, ctx.user.id, input.away)),
});
