/** A date spelled out in the reader's locale, e.g. "Wednesday, 16 December 2026": for deadlines people plan around. */
export const fullDate = (date: Date) => date.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
