import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "../../infra/db";

export type AuditAction =
  | "account.sign-up"
  | "account.sign-up-existing-email"
  | "account.sign-in"
  | "account.sign-in-failed"
  | "account.email-verified"
  | "account.password-reset-requested"
  | "account.password-reset"
  | "account.password-changed"
  | "account.totp-enabled"
  | "account.totp-disabled"
  | "account.recovery-code-used"
  | "account.recovery-codes-regenerated"
  | "account.admin-granted"
  | "account.signed-out-everywhere"
  | "account.data-export-requested"
  | "account.deletion-requested"
  | "account.deletion-cancelled"
  | "account.deleted"
  | "admin.jitsi-settings-changed"
  | "admin.legal-document-changed";

export async function audit(
  db: Db,
  action: AuditAction,
  event: { userId?: string | null; ip?: string | null; detail?: Prisma.InputJsonValue },
): Promise<void> {
  await db.auditEvent.create({
    data: { action, userId: event.userId ?? null, ip: event.ip ?? null, detail: event.detail },
  });
}
