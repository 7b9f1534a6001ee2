import "server-only";
/**
 * If `error` is a unique-constraint violation, returns the constraint's name/fields as text (else null).
 * Prisma 7 with a driver adapter puts the constraint under meta.driverAdapterError.cause, not meta.target.
 */
export function isUniqueViolation(error: unknown): string | null {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return null;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const cause = (meta.driverAdapterError as { cause?: { constraint?: unknown } } | undefined)?.cause;
  return JSON.stringify([meta.target ?? null, cause?.constraint ?? null]);
}
