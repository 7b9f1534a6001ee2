import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Deps } from "../../infra/deps";
import type { Env } from "../../infra/env";
import { audit } from "../accounts/audit";
import type { LegalKind, UpdateLegalInput } from "./schemas";

/** The committed defaults count as version 1; the admin's first save makes version 2. */
export const DEFAULT_LEGAL_VERSION = 1;

export interface LegalDocumentView {
  kind: LegalKind;
  markdown: string;
  version: number;
  /** When the admin last saved it; null while the committed default is served. */
  updatedAt: Date | null;
  isDefault: boolean;
}

const DB_KIND = { privacy: "PRIVACY", terms: "TERMS" } as const;

// Read from the checkout (the server runs from the repository root: scripts, e2e, the Docker image's /app).
const DEFAULTS_DIR = path.join(process.cwd(), "web/src/server/services/legal/defaults");
const defaultFiles = new Map<LegalKind, Promise<string>>();

/**
 * The committed default text, with the numbers it quotes taken from this server's settings, so it never states a
 * retention the server does not apply. `{{NAME}}` names an env setting.
 */
export async function defaultLegalMarkdown(
  kind: LegalKind,
  env: Pick<Env, "DATA_EXPORT_TTL_DAYS" | "ACCOUNT_DELETION_GRACE_DAYS" | "SESSION_ABSOLUTE_DAYS">,
): Promise<string> {
  let file = defaultFiles.get(kind);
  if (!file) {
    file = readFile(path.join(DEFAULTS_DIR, `${kind}.md`), "utf8");
    defaultFiles.set(kind, file);
  }
  // Only these names: a placeholder can never quote another setting (a secret).
  const values: Record<string, number> = {
    DATA_EXPORT_TTL_DAYS: env.DATA_EXPORT_TTL_DAYS,
    ACCOUNT_DELETION_GRACE_DAYS: env.ACCOUNT_DELETION_GRACE_DAYS,
    SESSION_ABSOLUTE_DAYS: env.SESSION_ABSOLUTE_DAYS,
  };
  return (await file).replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}

/** The document as served on /privacy and /terms: the admin's text, or the committed default. */
export async function getLegalDocument(deps: Pick<Deps, "db" | "env">, kind: LegalKind): Promise<LegalDocumentView> {
  const stored = await deps.db.legalDocument.findUnique({
    where: { kind: DB_KIND[kind] },
    select: { markdown: true, version: true, updatedAt: true },
  });
  if (stored) return { kind, ...stored, isDefault: false };
  return {
    kind,
    markdown: await defaultLegalMarkdown(kind, deps.env),
    version: DEFAULT_LEGAL_VERSION,
    updatedAt: null,
    isDefault: true,
  };
}

/** The versions someone signing up now agrees to. */
export async function currentLegalVersions(deps: Pick<Deps, "db">): Promise<{ terms: number; privacy: number }> {
  const rows = await deps.db.legalDocument.findMany({ select: { kind: true, version: true } });
  const version = (kind: LegalKind) => rows.find((row) => row.kind === DB_KIND[kind])?.version ?? DEFAULT_LEGAL_VERSION;
  return { terms: version("terms"), privacy: version("privacy") };
}

/** What a new account records: agreed now, to the current versions. */
export async function legalAcceptance(deps: Pick<Deps, "db">, now = new Date()) {
  const versions = await currentLegalVersions(deps);
  return { termsAcceptedAt: now, termsVersion: versions.terms, privacyVersion: versions.privacy };
}

/**
 * The admin saves a new text: the version goes up by one (atomically, so two saves never share a number) and the
 * change is audited. Saving the same text again changes nothing.
 */
export async function updateLegalDocument(
  deps: Pick<Deps, "db" | "env">,
  adminId: string,
  input: UpdateLegalInput,
  ip: string | null,
): Promise<LegalDocumentView> {
  const before = await getLegalDocument(deps, input.kind);
  if (before.markdown === input.markdown) return before;
  const saved = await deps.db.legalDocument.upsert({
    where: { kind: DB_KIND[input.kind] },
    create: {
      kind: DB_KIND[input.kind],
      markdown: input.markdown,
      version: DEFAULT_LEGAL_VERSION + 1,
      updatedById: adminId,
    },
    update: { markdown: input.markdown, version: { increment: 1 }, updatedById: adminId },
    select: { markdown: true, version: true, updatedAt: true },
  });
  await audit(deps.db, "admin.legal-document-changed", {
    userId: adminId,
    ip,
    detail: { kind: input.kind, from: before.version, to: saved.version, characters: input.markdown.length },
  });
  return { kind: input.kind, ...saved, isDefault: false };
}
