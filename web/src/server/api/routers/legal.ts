import "server-only";
import { getLegalDocument, updateLegalDocument } from "../../services/legal/legal-documents";
import { legalKindInput, updateLegalInput } from "../../services/legal/schemas";
import { adminProcedure, publicProcedure, router } from "../trpc";

/** The privacy policy and terms: anyone reads them (sign-up links to them), admins edit them (audited). */
export const legalRouter = router({
  document: publicProcedure.input(legalKindInput).query(({ ctx, input }) => getLegalDocument(ctx.deps, input.kind)),
  update: adminProcedure
    .input(updateLegalInput)
    .mutation(({ ctx, input }) => updateLegalDocument(ctx.deps, ctx.user.id, input, ctx.ip)),
});
