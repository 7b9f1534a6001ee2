import { describe, expect, it } from "vitest";
import { initialsOf } from "./initials";

describe("initials", () => {
  it("takes the first grapheme of the first two words, upper-cased", () => {
    expect(initialsOf("ada lovelace byron")).toBe("AL");
    expect(initialsOf("  Grace  ")).toBe("G");
    expect(initialsOf("")).toBe("");
  });

  it("keeps emoji, flags, combining marks and non-Latin letters whole", () => {
    expect(initialsOf("🦊 Fox")).toBe("🦊F");
    expect(initialsOf("👩‍💻 Coder")).toBe("👩‍💻C");
    expect(initialsOf("🇯🇵 Tanaka")).toBe("🇯🇵T");
    expect(initialsOf("e\u0301mile zola")).toBe("E\u0301Z");
    expect(initialsOf("山田 太郎")).toBe("山太");
    expect(initialsOf("Παύλος Ζ")).toBe("ΠΖ");
    expect(initialsOf("😀")).not.toContain("\uFFFD");
  });
});
