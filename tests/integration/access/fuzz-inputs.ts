/**
 * Bad inputs for the fuzz test: a fixed list of hostile values, and variants of a valid-looking input derived from
 * a procedure's zod schema with one field at a time made hostile. Seeded, so a failure can be replayed.
 */

/** mulberry32: a small seeded PRNG (the same seed gives the same cases). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deeplyNested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : { list: [value] };
  return value;
}

/** Values no procedure should answer with a 500, wherever they appear. */
export const HOSTILE_VALUES: ReadonlyArray<readonly [label: string, value: unknown]> = [
  ["undefined", undefined],
  ["null", null],
  ["-1", -1],
  ["0", 0],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["1e308", 1e308],
  ["-1e308", -1e308],
  ["2^53+1", 2 ** 53 + 1],
  ["0.5", 0.5],
  ["true", true],
  ["bigint", 12345678901234567890n],
  ["empty string", ""],
  ["100k characters", "x".repeat(100_000)],
  ["100k emoji", "👨‍👩‍👧".repeat(20_000)],
  ["RTL override", "\u202Egnp.exe\u202C"],
  ["NUL", "a\u0000b"],
  ["lone surrogate", "\ud800"],
  ["SQL", "' OR 1=1 --"],
  ["path", "../../../etc/passwd"],
  ["markup", "<script>alert(1)</script>"],
  ["empty array", []],
  ["array", [1, "two", null, { three: 3 }]],
  ["10k array", Array.from({ length: 10_000 }, (_, i) => i)],
  ["empty object", {}],
  ["wrong-typed object", { id: 1, userId: [], conversationId: {}, body: 7, limit: "20", on: "yes" }],
  ["prototype keys", JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')],
  ["deep object", deeplyNested(2_000)],
  ["invalid date", new Date(Number.NaN)],
  ["map", new Map([["a", 1]])],
  ["set", new Set([1])],
];

interface ZodLike {
  _zod: { def: { type: string } & Record<string, unknown> };
}
const defOf = (schema: unknown) => (schema as ZodLike)._zod.def;

/** Strings that name real things of another user (their ids), so valid-looking inputs aim at someone else's data. */
export interface Targets {
  ids: string[];
  usernames: string[];
}

/** A value that zod would likely accept for `schema`, aimed at `targets` wherever an id-like string goes. */
export function validLooking(schema: unknown, random: () => number, targets: Targets, depth = 0): unknown {
  const def = defOf(schema);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (depth > 8) return undefined;
  const next = (inner: unknown) => validLooking(inner, random, targets, depth + 1);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(shape).map(([key, child]) => [
          key,
          key.toLowerCase().includes("username") ? pick(targets.usernames) : next(child),
        ]),
      );
    }
    case "string": {
      const format = def.format as string | undefined;
      if (format === "email") return "fuzz@example.test";
      if (format === "datetime") return new Date(Date.now() + 3600_000).toISOString();
      if (format === "url") return "https://fcm.googleapis.com/fcm/send/fuzz";
      return pick(targets.ids);
    }
    case "number":
    case "int":
      return pick([1, 5, 20]);
    case "boolean":
      return random() < 0.5;
    case "bigint":
      return 1n;
    case "date":
      return new Date();
    case "enum":
      return pick(Object.values(def.entries as Record<string, unknown>));
    case "literal":
      return (def.values as unknown[])[0];
    case "array":
      return [next(def.element)];
    case "tuple":
      return (def.items as unknown[]).map(next);
    case "union":
      return next(pick(def.options as unknown[]));
    case "intersection":
      return { ...(next(def.left) as object), ...(next(def.right) as object) };
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
    case "success":
      return next(def.innerType);
    case "pipe":
      return next(def.in);
    case "lazy":
      return next((def.getter as () => unknown)());
    case "record":
      return {};
    default:
      return undefined;
  }
}

/** Paths to every property of a plain object value (nested objects too), for one-field-at-a-time variants. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key])]);
}

function withField(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = { ...(value as Record<string, unknown>) };
  copy[head!] = withField(copy[head!], rest, replacement);
  return copy;
}

export interface FuzzCase {
  label: string;
  input: unknown;
}

/** Put into every field of the valid-looking input in turn: the values that most often slip past a schema. */
const EVERY_FIELD: ReadonlyArray<readonly [label: string, value: unknown]> = [
  ["NUL", "a\u0000b"],
  ["100k characters", "x".repeat(100_000)],
  ["null", null],
  ["deep object", HOSTILE_VALUES.find(([label]) => label === "deep object")![1]],
];

/**
 * The cases for one procedure: every hostile value as the whole input; the valid-looking input as is and with an
 * extra field; that input with each field in turn set to each of EVERY_FIELD; then with one field at a time
 * replaced by a hostile value picked at random, up to `max` cases in all.
 */
export function fuzzCases(
  schema: unknown | undefined,
  random: () => number,
  targets: Targets,
  max: number,
): FuzzCase[] {
  const cases: FuzzCase[] = HOSTILE_VALUES.map(([label, input]) => ({ label: `input = ${label}`, input }));
  if (!schema) return cases;
  const base = validLooking(schema, random, targets);
  const shown = JSON.stringify(base)?.slice(0, 200);
  cases.push({ label: `valid-looking ${shown}`, input: base });
  if (base && typeof base === "object" && !Array.isArray(base))
    cases.push({ label: "valid-looking with an extra field", input: { ...base, extra: "x".repeat(1000) } });
  const paths = fieldPaths(base);
  for (const path of paths) {
    for (const [label, hostile] of EVERY_FIELD)
      cases.push({ label: `${path.join(".")} = ${label} in ${shown}`, input: withField(base, path, hostile) });
  }
  while (paths.length && cases.length < max) {
    const path = paths[Math.floor(random() * paths.length)]!;
    const [label, hostile] = HOSTILE_VALUES[Math.floor(random() * HOSTILE_VALUES.length)]!;
    cases.push({ label: `${path.join(".")} = ${label} in ${shown}`, input: withField(base, path, hostile) });
  }
  return cases;
}
