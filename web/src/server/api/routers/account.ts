import "server-only";
import { z } from "zod";
import {
  emailSchema,
  emailTokenSchema,
  passwordSchema,
  signUpInput,
  totpCodeSchema,
} from "../../services/accounts/schemas";
import { changePassword } from "../../services/accounts/change-password";
import { requestPasswordReset, resetPassword } from "../../services/accounts/password-reset";
import { remainingRecoveryCodes } from "../../services/accounts/recovery-codes";
import { signUp } from "../../services/accounts/sign-up";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  disableTotp,
  regenerateRecoveryCodesWithPassword,
} from "../../services/accounts/two-factor";
import { resendVerificationEmail, verifyEmail } from "../../services/accounts/verify-email";
import { getOwnSettings } from "../../services/profiles/profiles";
import { publicProcedure, router, securityProcedure } from "../trpc";
import { audit } from "../../services/accounts/audit";
import { signOutEverywhere } from "../../services/accounts/session-revocation";
import { cancelAccountDeletion, requestAccountDeletion } from "../../services/accounts/account-deletion";
import { latestDataExport, requestDataExport } from "../../services/privacy/data-export";

export const accountRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(({ ctx, input }) => signUp(ctx.deps, input, { ip: ctx.ip })),

  verifyEmail: publicProcedure
    .input(z.object({ token: emailTokenSchema }))
    .mutation(({ ctx, input }) => verifyEmail(ctx.deps, input.token)),

  resendVerification: securityProcedure.mutation(({ ctx }) => resendVerificationEmail(ctx.deps, ctx.user.id)),

  requestPasswordReset: publicProcedure
    .input(z.object({ email: emailSchema }))
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.deps, input.email, { ip: ctx.ip })),

  resetPassword: publicProcedure
    .input(z.object({ token: emailTokenSchema, password: passwordSchema }))
    .mutation(({ ctx, input }) => resetPassword(ctx.deps, input.token, input.password, { ip: ctx.ip })),

  changePassword: securityProcedure
    .input(z.object({ currentPassword: z.string().max(256), newPassword: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.deps, ctx.user.id, input);
    }),

  /** Ends every session of the account, the caller's included. */
  signOutEverywhere: securityProcedure.mutation(async ({ ctx }) => {
    await signOutEverywhere(ctx.deps, ctx.user.id);
    await audit(ctx.deps.db, "account.signed-out-everywhere", { userId: ctx.user.id, ip: ctx.ip });
  }),

  me: securityProcedure.query(async ({ ctx }) => {
    const settings = await getOwnSettings(ctx.deps, ctx.user.id);
    return {
      ...settings,
      recoveryCodesLeft: settings.totpEnabledAt ? await remainingRecoveryCodes(ctx.deps, ctx.user.id) : 0,
    };
  }),

  beginTotp: securityProcedure
    .input(z.object({ password: z.string().max(256).optional() }))
    .mutation(({ ctx, input }) => beginTotpEnrolment(ctx.deps, ctx.user.id, input.password)),

  confirmTotp: securityProcedure
    .input(z.object({ code: totpCodeSchema }))
    .mutation(({ ctx, input }) => confirmTotpEnrolment(ctx.deps, ctx.user.id, input.code)),

  disableTotp: securityProcedure
    .input(z.object({ password: z.string().min(1).max(256) }))
    .mutation(({ ctx, input }) => disableTotp(ctx.deps, ctx.user.id, input.password)),

  regenerateRecoveryCodes: securityProcedure
    .input(z.object({ password: z.string().min(1).max(256) }))
    .mutation(({ ctx, input }) => regenerateRecoveryCodesWithPassword(ctx.deps, ctx.user.id, input.password)),

  /** "Download my data": the newest export's state (preparing, ready until a date, expired, failed), or null. */
  dataExport: securityProcedure.query(({ ctx }) => latestDataExport(ctx.deps, ctx.user.id)),

  requestExport: securityProcedure.mutation(({ ctx }) => requestDataExport(ctx.deps, ctx.user.id, { ip: ctx.ip })),

  /** Schedules the account's deletion after the grace period and ends every session, the caller's included. */
  requestDeletion: securityProcedure
    .input(z.object({ password: z.string().max(256).optional(), secondFactor: z.string().max(64).optional() }))
    .mutation(({ ctx, input }) => requestAccountDeletion(ctx.deps, ctx.user.id, input, { ip: ctx.ip })),

  cancelDeletion: securityProcedure.mutation(({ ctx }) => cancelAccountDeletion(ctx.deps, ctx.user.id, { ip: ctx.ip })),
});
