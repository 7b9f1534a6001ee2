import "server-only";
import { z } from "zod";
import { confirmAvatar, createAvatarUpload, removeAvatar } from "../../services/profiles/avatars";
import { getProfile, updatePrivacy, updateProfile } from "../../services/profiles/profiles";
import { avatarUploadInput, privacyInput, updateProfileInput } from "../../services/profiles/schemas";
import { protectedProcedure, router } from "../trpc";

export const profileRouter = router({
  byUsername: protectedProcedure
    .input(z.object({ username: z.string().trim().min(1).max(30) }))
    .query(({ ctx, input }) => getProfile(ctx.deps, ctx.user.id, input.username)),

  update: protectedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.deps, ctx.user.id, input)),

  updatePrivacy: protectedProcedure
    .input(privacyInput)
    .mutation(({ ctx, input }) => updatePrivacy(ctx.deps, ctx.user.id, input)),

  createAvatarUpload: protectedProcedure
    .input(avatarUploadInput)
    .mutation(({ ctx, input }) => createAvatarUpload(ctx.deps, ctx.user.id, input)),

  confirmAvatar: protectedProcedure
    .input(z.object({ uploadKey: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => confirmAvatar(ctx.deps, ctx.user.id, input.uploadKey)),

  removeAvatar: protectedProcedure.mutation(({ ctx }) => removeAvatar(ctx.deps, ctx.user.id)),
});
