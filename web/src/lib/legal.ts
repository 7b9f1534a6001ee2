/** The privacy policy and terms, as named in URLs (/privacy, /terms) and procedure inputs; universal (no zod here). */
export const LEGAL_KINDS = ["privacy", "terms"] as const;
export type LegalKind = (typeof LEGAL_KINDS)[number];

export const LEGAL_MARKDOWN_MAX = 50_000;
