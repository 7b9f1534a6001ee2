import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// README's architecture map is where a newcomer learns the layout; it must name every feature folder that exists.
const root = join(import.meta.dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const map = readme.slice(
  readme.indexOf("## Architecture map"),
  readme.indexOf("\n## ", readme.indexOf("## Architecture map") + 1),
);
const mapLines = map.split("\n");

/** The map's lines from the entry for `entry` (e.g. "  src/components/") up to the next entry at its depth. */
function block(entry: string): string {
  const start = mapLines.findIndex((line) => line.startsWith(entry));
  if (start < 0) return "";
  const depth = entry.length - entry.trimStart().length;
  const end = mapLines.findIndex(
    (line, i) => i > start && line.length - line.trimStart().length === depth && line.trim() !== "",
  );
  return mapLines.slice(start, end < 0 ? undefined : end).join("\n");
}

const foldersIn = (dir: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe("README architecture map", () => {
  it("is found in README.md", () => {
    expect(map.length).toBeGreaterThan(200);
  });

  const entries: [dir: string, entry: string][] = [
    ["web/src/components", "  src/components/"],
    ["web/src/server/services", "  src/server/services/"],
    ["web/src/server", "  src/server/"],
    ["web/src", "  src/"],
    ["worker", "worker/"],
    ["tests", "tests/"],
  ];
  for (const [dir, entry] of entries) {
    it(`names every folder under ${dir}/`, () => {
      const listed = dir === "web/src" ? map : block(entry);
      const missing = foldersIn(dir).filter((name) => !new RegExp(`(^|[\\s/,(])${name}/`, "m").test(listed));
      expect(missing, `add these to README's architecture map: ${missing.join(", ")}`).toEqual([]);
    });
  }
});
