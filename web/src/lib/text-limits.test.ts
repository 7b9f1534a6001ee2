import { describe, expect, it } from "vitest";
import { MESSAGE_MAX_CHARS, overLimit } from "./text-limits";

describe("text limits", () => {
  it("says by how much a text is over, and nothing when it fits", () => {
    expect(overLimit("message", MESSAGE_MAX_CHARS)).toBeNull();
    expect(overLimit("message", 6000)).toBe(
      "Messages have at most 4,000 characters; this one has 6,000. Shorten it or split it.",
    );
    expect(overLimit("bio", 501)).toBe("Bios have at most 500 characters; this one has 501. Shorten it.");
  });
});
