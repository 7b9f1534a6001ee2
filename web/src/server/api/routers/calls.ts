import { iceServersFor } from "../../services/calls/turn-credentials";
import { protectedProcedure, router } from "../trpc";

export const callsRouter = router({
  /** STUN/TURN servers for this user's next call, with TURN credentials valid for TURN_TTL_SECONDS. */
  iceServers: protectedProcedure.query(({ ctx }) => iceServersFor(ctx.deps.env, ctx.user.id)),
});
