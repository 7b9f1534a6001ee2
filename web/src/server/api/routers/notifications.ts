import "server-only";
import { z } from "zod";
import { setViewing } from "../../services/notifications/message-notifications";
import {
  listNotifications,
  markNotificationsRead,
  unreadNotificationCount,
} from "../../services/notifications/notifications";
import { requireMembership } from "../../services/chat/access";
import { updateNotificationSettings } from "../../services/notifications/settings";
import { protectedProcedure, router } from "../trpc";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");

export const notificationsRouter = router({
  list: protectedProcedure
    .input(z.object({ cursor: id.optional() }).optional())
    .query(({ ctx, input }) => listNotifications(ctx.deps, ctx.user.id, input?.cursor)),
  unreadCount: protectedProcedure.query(({ ctx }) => unreadNotificationCount(ctx.deps, ctx.user.id)),
  markRead: protectedProcedure
    .input(z.object({ ids: z.array(id).max(100).optional() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.deps, ctx.user.id, input.ids)),
  updateSettings: protectedProcedure
    .input(z.object({ emailUnreadMessages: z.boolean() }))
    .mutation(({ ctx, input }) => updateNotificationSettings(ctx.deps, ctx.user.id, input)),
  /** The open conversation (or none): messages there do not raise notifications while it stays open. */
  viewing: protectedProcedure
    .input(z.object({ conversationId: id, viewing: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await requireMembership(ctx.deps.db, ctx.user.id, input.conversationId);
      await setViewing(ctx.deps, ctx.user.id, input.conversationId, input.viewing);
    }),
});
