import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { EmailTokenKind } from "@/generated/prisma/client";
import type { Db } from "../../infra/db";

const LIFETIME_MS: Record<EmailTokenKind, number> = {
  VERIFY_EMAIL: 48 * 3600_000,
  RESET_PASSWORD: 3600_000,
};

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a single-use token; only its hash is stored. Earlier unused tokens of the same kind stop working. */
export async function issueEmailToken(
  db: Db,
  userId: string,
  kind: EmailTokenKind,
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const [, created] = await db.$transaction([
    db.emailToken.updateMany({ where: { userId, kind, usedAt: null }, data: { usedAt: new Date() } }),
    db.emailToken.create({
      data: { userId, kind, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + LIFETIME_MS[kind]) },
    }),
  ]);
  return { id: created.id, token };
}

/** Marks the token used and returns its user id, or null if it is unknown, used or expired. Atomic: a token works once. */
export async function consumeEmailToken(db: Db, token: string, kind: EmailTokenKind): Promise<string | null> {
  const now = new Date();
  const tokenHash = hashToken(token);
  const { count } = await db.emailToken.updateMany({
    where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const row = await db.emailToken.findUnique({ where: { tokenHash }, select: { userId: true } });
  return row?.userId ?? null;
}
