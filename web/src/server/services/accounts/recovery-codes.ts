import "server-only";
import { createHash, randomInt } from "node:crypto";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const COUNT = 10;

const hashCode = (code: string) => createHash("sha256").update(code.replace("-", "").toLowerCase()).digest("hex");

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces the user's recovery codes with ten new single-use ones and returns them (shown once). */
export async function regenerateRecoveryCodes(deps: Deps, userId: string): Promise<string[]> {
  const codes = Array.from({ length: COUNT }, newCode);
  await deps.db.$transaction([
    deps.db.recoveryCode.deleteMany({ where: { userId } }),
    deps.db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashCode(code) })) }),
  ]);
  return codes;
}

/** Spends a recovery code. Each works once. */
export async function useRecoveryCode(deps: Deps, userId: string, code: string, ip?: string): Promise<boolean> {
  const { count } = await deps.db.recoveryCode.updateMany({
    where: { userId, codeHash: hashCode(code.trim()), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count === 1) await audit(deps.db, "account.recovery-code-used", { userId, ip });
  return count === 1;
}

export async function remainingRecoveryCodes(deps: Deps, userId: string): Promise<number> {
  return deps.db.recoveryCode.count({ where: { userId, usedAt: null } });
}
