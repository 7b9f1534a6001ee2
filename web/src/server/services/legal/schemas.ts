import "server-only";
import { z } from "zod";
import { LEGAL_KINDS, LEGAL_MARKDOWN_MAX } from "@/lib/legal";

export type { LegalKind } from "@/lib/legal";

export const legalKindInput = z.object({ kind: z.enum(LEGAL_KINDS) });

export const updateLegalInput = z.object({
  kind: z.enum(LEGAL_KINDS),
  markdown: z
    .string()
    .max(LEGAL_MARKDOWN_MAX, `The text has at most ${LEGAL_MARKDOWN_MAX.toLocaleString("en")} characters.`)
    .refine(
      (text) => text.trim().length > 0,
      "Write the text: an empty page would leave people with nothing to agree to.",
    ),
});
export type UpdateLegalInput = z.infer<typeof updateLegalInput>;
