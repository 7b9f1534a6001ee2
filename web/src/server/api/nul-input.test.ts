import { describe, expect, it } from "vitest";
import { hasNulCharacter } from "./nul-input";

describe("hasNulCharacter", () => {
  it("finds a NUL in any string of the input, keys and nested values included", () => {
    expect(hasNulCharacter("a\u0000b")).toBe(true);
    expect(hasNulCharacter({ query: "ok", nested: [{ deep: ["x", "y\u0000"] }] })).toBe(true);
    expect(hasNulCharacter({ ["k\u0000"]: 1 })).toBe(true);
    expect(hasNulCharacter(new Map([["a", "b\u0000"]]))).toBe(true);
  });

  it("passes everything else, cycles and deep nesting included", () => {
    const cyclic: Record<string, unknown> = { text: "fine 👋 \u202e" };
    cyclic.self = cyclic;
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    for (const input of [undefined, null, 0, "", "\\0", cyclic, deep, [1, true, new Date()]])
      expect(hasNulCharacter(input)).toBe(false);
  });
});
