import "server-only";
import { z } from "zod";
import { pushSubscriptionInput, subscribePush, unsubscribePush } from "../../services/push/subscriptions";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const pushRouter = router({
  /** The VAPID public key browsers subscribe with, or null when push is off. */
  publicKey: publicProcedure.query(({ ctx }) => ctx.deps.env.VAPID_PUBLIC_KEY ?? null),
  subscribe: protectedProcedure
    .input(pushSubscriptionInput.extend({ userAgent: z.string().max(300).optional() }))
    .mutation(({ ctx, input }) => subscribePush(ctx.deps, ctx.user.id, input, input.userAgent ?? null)),
  unsubscribe: protectedProcedure
    .input(pushSubscriptionInput.pick({ endpoint: true }))
    .mutation(({ ctx, input }) => unsubscribePush(ctx.deps, ctx.user.id, input.endpoint)),
});
