import "server-only";
import { z } from "zod";
import { searchUsers } from "../../services/search/search-users";
import { protectedProcedure, router } from "../trpc";

export const searchRouter = router({
  users: protectedProcedure
    .input(
      z.object({
        query: z.string().max(100, "Searches have at most 100 characters."),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .query(({ ctx, input }) => searchUsers(ctx.deps, ctx.user.id, input.query, input.limit)),
});
