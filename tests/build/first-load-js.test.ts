import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_DIR, firstLoadFiles, kB, pageEntries, routeWeight } from "../../scripts/perf/first-load-js";
import budgets from "./first-load-budgets.json";

/**
 * The performance budget: first-load JavaScript per main route, brotli-compressed as web/server.ts serves it, from
 * the production build (run after `next build web`). Raising a budget is a decision to write down in the commit;
 * after a cut, lower it to the new size.
 */
describe("first-load JavaScript of the production build", () => {
  it.each(Object.entries(budgets.routesKB))("%s stays within its budget (%s kB brotli)", async (route, budget) => {
    const weight = await routeWeight(route);
    console.log(`${route}: ${kB(weight.brotli)} kB brotli, ${kB(weight.gzip)} kB gzip, ${weight.files.length} files`);
    expect(
      kB(weight.brotli),
      `${route}: ${kB(weight.brotli)} kB brotli over its budget of ${budget} kB`,
    ).toBeLessThanOrEqual(budget);
  });

  it("every signed-in and signed-out page has a budget", async () => {
    const pages = [...(await pageEntries()).keys()].filter((route) => !route.startsWith("/_"));
    expect(pages.filter((route) => !(route in budgets.routesKB))).toEqual([]);
  });

  it("no page ships zod to the browser (validation is the server's; limits live in web/src/lib)", async () => {
    const offenders: string[] = [];
    for (const route of (await pageEntries()).keys()) {
      for (const file of await firstLoadFiles(route)) {
        // zod's classes are made by name ($constructor("$ZodType", ...)): the string survives minification.
        if ((await readFile(path.join(BUILD_DIR, file), "utf8")).includes("$ZodType"))
          offenders.push(`${route}: ${file}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
