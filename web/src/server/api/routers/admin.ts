import "server-only";
import { getJitsiDefaults, updateJitsiDefaults } from "../../services/rooms/jitsi-settings";
import { jitsiDefaultsInput } from "../../services/rooms/schemas";
import { adminProcedure, router } from "../trpc";

/** The admin pages: Jitsi defaults (audited). */
export const adminRouter = router({
  jitsiDefaults: adminProcedure.query(({ ctx }) => getJitsiDefaults(ctx.deps)),
  updateJitsiDefaults: adminProcedure
    .input(jitsiDefaultsInput)
    .mutation(({ ctx, input }) => updateJitsiDefaults(ctx.deps, ctx.user.id, input, ctx.ip)),
});
