import "server-only";
/**
 * Whether any string in a procedure's raw input (values or keys, at any depth) holds a NUL character. PostgreSQL
 * text cannot store NUL: such an input would fail in the database as a 500 instead of being refused as bad input.
 */
export function hasNulCharacter(input: unknown): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [input];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.includes("\u0000")) return true;
    } else if (value && typeof value === "object" && !seen.has(value)) {
      seen.add(value);
      if (value instanceof Map) pending.push(...value.keys(), ...value.values());
      else if (value instanceof Set) pending.push(...value);
      else for (const [key, child] of Object.entries(value)) pending.push(key, child);
    }
  }
  return false;
}
