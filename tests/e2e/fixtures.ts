import { test as base, expect, type BrowserContext } from "@playwright/test";
import { finishAxeRun, startAxeRun, watchAxe, watchNewContexts } from "./axe-guard";

/**
 * Every journey runs under the app's real Content-Security-Policy, and fails if the browser refused anything because
 * of it: a page that only works without the CSP is a broken page. Contexts a journey opens itself (newPerson) are
 * watched too. A journey that provokes a violation on purpose takes it with takeCspViolations().
 */
let violations: string[] = [];

export function watchCsp(context: BrowserContext): void {
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
}

export function takeCspViolations(): string[] {
  const taken = violations;
  violations = [];
  return taken;
}

export const test = base.extend<{ cspGuard: void; axeGuard: void }>({
  // Accessibility: every page the journey visits passes axe (WCAG 2.2 AA) at both widths; see axe-guard.ts.
  axeGuard: [
    async ({ context, browser }, use, testInfo) => {
      startAxeRun((seconds) => testInfo.setTimeout(testInfo.timeout + seconds * 1000));
      watchAxe(context);
      const restore = watchNewContexts(browser);
      try {
        await use();
      } finally {
        restore();
      }
      const violations = await finishAxeRun();
      expect(violations, `axe found serious or critical accessibility violations:\n${violations.join("\n")}\n`).toEqual(
        [],
      );
    },
    { auto: true },
  ],
  cspGuard: [
    async ({ context }, use) => {
      violations = [];
      watchCsp(context);
      await use();
      expect(violations, "the browser refused something under the app's Content-Security-Policy").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
