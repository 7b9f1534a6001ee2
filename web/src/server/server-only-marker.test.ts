import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Every server module opens with `import "server-only"`, so Next's build fails when a client component pulls one in
// (dependency-cruiser catches the import path; this catches what reaches the bundle through it).
const serverDir = import.meta.dirname;
const srcDir = join(serverDir, "..");

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('import "server-only"', () => {
  const modules = [...modulesUnder(serverDir), join(srcDir, "auth.ts"), join(srcDir, "trpc/server.tsx")];

  it("opens every server module", () => {
    expect(modules.length).toBeGreaterThan(100);
    const unmarked = modules.filter((path) => !readFileSync(path, "utf8").startsWith('import "server-only";\n'));
    expect(unmarked.map((path) => relative(srcDir, path))).toEqual([]);
  });
});
