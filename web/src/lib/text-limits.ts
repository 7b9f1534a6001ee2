/**
 * How long what people write may be. Universal (no zod, no server code): the server's schemas enforce these and the
 * browser counts against them, so an over-long text is refused with a message instead of being cut short.
 */
export const MESSAGE_MAX_CHARS = 4000;
export const BIO_MAX_CHARS = 500;

/** The refusal a form shows for text over its limit, or null when it fits. */
export function overLimit(what: "message" | "bio", length: number): string | null {
  const max = what === "message" ? MESSAGE_MAX_CHARS : BIO_MAX_CHARS;
  if (length <= max) return null;
  const noun = what === "message" ? "Messages" : "Bios";
  return `${noun} have at most ${max.toLocaleString("en")} characters; this one has ${length.toLocaleString("en")}. Shorten it${what === "message" ? " or split it" : ""}.`;
}
