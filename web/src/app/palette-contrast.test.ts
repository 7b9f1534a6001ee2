import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contrastRatio, over, parseColour, type Rgb } from "@/lib/colour-contrast";

/**
 * WCAG 2.2 AA for text (4.5:1), computed from the palette itself: Tailwind's default colours overridden by the
 * `@theme` in globals.css, whose tokens are `light-dark(light, dark)`. The pairs below are the text/background
 * combinations the components use; a text colour class that appears in a component but in no pair here fails the
 * last test, so a new combination cannot slip in unchecked.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const AA = 4.5;

type Scheme = "light" | "dark";

function declarations(css: string): Map<string, string> {
  return new Map([...css.matchAll(/--color-([a-z]+(?:-\d+)?):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

function palette(scheme: Scheme): Map<string, Rgb> {
  const tailwind = declarations(readFileSync(path.join(root, "node_modules/tailwindcss/theme.css"), "utf8"));
  const globals = readFileSync(path.join(root, "web/src/app/globals.css"), "utf8");
  const theme = /@theme\s*\{([\s\S]*?)\n\}/.exec(globals)?.[1] ?? "";
  const merged = new Map([...tailwind, ...declarations(theme)]);
  const colours = new Map<string, Rgb>();
  for (const [name, value] of merged) {
    const pair = /^light-dark\((.+?),\s*((?:oklch\([^)]*\)|#[0-9a-f]+))\)$/i.exec(value);
    colours.set(name, parseColour(pair ? pair[scheme === "light" ? 1 : 2]! : value));
  }
  return colours;
}

/** "stone-500", "white/75", or a colour painted over another: "white/15 over ember-600". */
function resolve(colours: Map<string, Rgb>, spec: string): Rgb {
  const [top, bottom] = spec.split(" over ") as [string, string | undefined];
  const [name, alpha] = top.split("/") as [string, string | undefined];
  const colour = colours.get(name);
  if (!colour) throw new Error(`No colour token --color-${name}`);
  if (!alpha) return colour;
  if (!bottom) throw new Error(`${spec}: a translucent colour needs "over <background>"`);
  return over(colour, Number(alpha) / 100, resolve(colours, bottom));
}

/** Page and card surfaces; every grey or coloured text class below must read on each of them. */
const surfaces = ["white", "stone-50", "stone-100"];
const textOnSurfaces = [
  "stone-400",
  "stone-500",
  "stone-600",
  "stone-700",
  "stone-800",
  "stone-900",
  "ember-700",
  "red-600",
  "red-700",
  "red-800",
  "amber-800",
  "green-800",
];

/** [text, background] pairs on coloured fills, checked in both schemes. */
const fills: [string, string][] = [
  ["white", "ember-600"], // primary buttons, own bubbles, badges
  ["white", "ember-700"], // their hover
  ["white/90 over ember-600", "ember-600"], // time and file size in own bubbles
  ["white", "white/15 over ember-600"], // quoted reply in own bubble
  ["white", "red-600"],
  ["white", "red-700"],
  ["white", "emerald-600"], // Join / Answer
  ["white", "emerald-700"],
  ["white", "stone-400"], // muted unread badge
  ["ember-700", "ember-50"],
  ["ember-800", "ember-50"],
  ["red-800", "red-50"],
  ["red-900", "red-50"],
  ["green-800", "green-50"],
  ["green-700", "green-100"],
  ["amber-800", "amber-50"],
  ["amber-900", "amber-100"],
  ["emerald-800", "emerald-50"],
  ["stone-900", "amber-100"], // highlighted message
  ["stone-600", "stone-200"],
  ["amber-900", "amber-200"], // avatars
  ["rose-900", "rose-200"],
  ["sky-900", "sky-200"],
  ["emerald-900", "emerald-200"],
  ["violet-900", "violet-200"],
  ["orange-900", "orange-200"],
];

/** The call and meeting screens pin the light palette (data-theme="light"): dark surfaces, light text. */
const pinnedDark: [string, string][] = [
  ["white", "stone-950"],
  ["white", "stone-900"],
  ["white", "stone-800"],
  ["stone-100", "stone-900"],
  ["stone-200", "stone-950"],
  ["stone-300", "stone-950"],
  ["stone-300", "stone-900"],
  ["red-300", "stone-950"],
  ["red-300", "stone-900"],
  ["amber-100", "amber-950"],
  ["emerald-200", "emerald-500/20 over stone-950"],
  ["white/90 over stone-950", "stone-950"],
];

function failures(scheme: Scheme, pairs: [string, string][]): string[] {
  const colours = palette(scheme);
  return pairs
    .map(([text, background]) => ({
      text,
      background,
      ratio: contrastRatio(resolve(colours, text), resolve(colours, background)),
    }))
    .filter(({ ratio }) => ratio < AA)
    .map(({ text, background, ratio }) => `${scheme}: text-${text} on bg-${background} is ${ratio.toFixed(2)}:1`);
}

const surfacePairs = textOnSurfaces.flatMap((text) => surfaces.map((surface): [string, string] => [text, surface]));

describe("palette contrast (WCAG AA, 4.5:1 for text)", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`text on page and card surfaces, ${scheme}`, () => expect(failures(scheme, surfacePairs)).toEqual([]));
    it(`text on coloured fills, ${scheme}`, () => expect(failures(scheme, fills)).toEqual([]));
  }

  it("text on the call and meeting screens (always the light palette)", () =>
    expect(failures("light", pinnedDark)).toEqual([]));

  it("the dark scheme really is dark: page and cards dark, body text light", () => {
    const dark = palette("dark");
    expect(contrastRatio(dark.get("stone-50")!, parseColour("#000"))).toBeLessThan(1.5);
    expect(contrastRatio(dark.get("white")!, parseColour("#000"))).toBeLessThan(1.8);
    expect(contrastRatio(dark.get("stone-900")!, parseColour("#fff"))).toBeLessThan(1.2);
  });

  it("every text colour a component uses is in a checked pair", () => {
    const checked = new Set(
      [...textOnSurfaces, ...fills.map(([text]) => text), ...pinnedDark.map(([text]) => text)].map(
        (spec) => spec.split(" over ")[0]!,
      ),
    );
    const used = new Set<string>();
    const families = "white|black|stone|ember|red|orange|amber|green|emerald|teal|sky|violet|rose";
    const pattern = new RegExp(
      `(?<![\\w-])(?:[\\w\\[\\]=-]+:)*text-((?:${families})(?:-\\d+)?(?:/\\d+)?)(?![\\w-])`,
      "g",
    );
    for (const file of readdirSync(path.join(root, "web/src"), { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".tsx")) continue;
      for (const m of readFileSync(path.join(root, "web/src", file), "utf8").matchAll(pattern)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((colour) => !checked.has(colour)).sort()).toEqual([]);
  });
});
