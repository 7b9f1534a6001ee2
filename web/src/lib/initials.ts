const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Up to two initials from a display name, one per word, each a whole grapheme: an emoji, a flag, a letter with its
 * combining marks or a CJK character stays whole (slicing UTF-16 code units would cut a surrogate pair in half).
 */
export function initialsOf(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => graphemes.segment(word)[Symbol.iterator]().next().value?.segment.toLocaleUpperCase() ?? "")
    .join("");
}
