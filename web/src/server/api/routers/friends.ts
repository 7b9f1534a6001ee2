import "server-only";
import { z } from "zod";
import { blockUser, listBlocked, unblockUser } from "../../services/friends/blocks";
import {
  acceptFriendRequest,
  cancelFriendRequest,
  declineFriendRequest,
  listFriendRequests,
  sendFriendRequest,
} from "../../services/friends/friend-requests";
import { listFriends, unfriend } from "../../services/friends/friendships";
import { protectedProcedure, router } from "../trpc";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");
const byUser = z.object({ userId: id });
const byRequest = z.object({ requestId: id });

export const friendsRouter = router({
  list: protectedProcedure
    .input(z.object({ cursor: id.optional() }).optional())
    .query(({ ctx, input }) => listFriends(ctx.deps, ctx.user.id, input?.cursor)),
  requests: protectedProcedure.query(({ ctx }) => listFriendRequests(ctx.deps, ctx.user.id)),
  sendRequest: protectedProcedure
    .input(byUser)
    .mutation(({ ctx, input }) => sendFriendRequest(ctx.deps, ctx.user.id, input.userId)),
  cancelRequest: protectedProcedure
    .input(byRequest)
    .mutation(({ ctx, input }) => cancelFriendRequest(ctx.deps, ctx.user.id, input.requestId)),
  acceptRequest: protectedProcedure
    .input(byRequest)
    .mutation(({ ctx, input }) => acceptFriendRequest(ctx.deps, ctx.user.id, input.requestId)),
  declineRequest: protectedProcedure
    .input(byRequest)
    .mutation(({ ctx, input }) => declineFriendRequest(ctx.deps, ctx.user.id, input.requestId)),
  unfriend: protectedProcedure
    .input(byUser)
    .mutation(({ ctx, input }) => unfriend(ctx.deps, ctx.user.id, input.userId)),
  block: protectedProcedure.input(byUser).mutation(({ ctx, input }) => blockUser(ctx.deps, ctx.user.id, input.userId)),
  unblock: protectedProcedure
    .input(byUser)
    .mutation(({ ctx, input }) => unblockUser(ctx.deps, ctx.user.id, input.userId)),
  blocked: protectedProcedure.query(({ ctx }) => listBlocked(ctx.deps, ctx.user.id)),
});
