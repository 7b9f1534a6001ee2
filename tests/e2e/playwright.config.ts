import { defineConfig } from "@playwright/test";
import { e2eEnv, E2E_PORT } from "./e2e-env";

/**
 * Browser journeys in Debian's Chromium against a production build (`next build web` must have run)
 * served by web/server.ts (Next's handler), plus the worker, on the test database. scripts/test.sh builds, then runs this.
 */
export default defineConfig({
  testDir: ".",
  // One tsconfig for every module the tests import: web/tsconfig.json (nearest to server modules) leaves
  // "server-only" to Next, whereas the root one maps it to an empty module outside Next.
  tsconfig: "../../tsconfig.json",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { open: "never", outputFolder: "../../playwright-report" }]],
  outputDir: "../../test-results",
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      // Hearth's own server (web/server.ts): Next behind the handler that settles the client address.
      // The database and Redis are reset first, then the app starts; the worker starts after it (servers start in order).
      command: `node --import tsx tests/e2e/reset-state.ts && node --import tsx web/server.ts -p ${E2E_PORT}`,
      cwd: "../..",
      url: `http://localhost:${E2E_PORT}/sign-in`,
      env: e2eEnv(),
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      command: "node --import tsx worker/main.ts",
      cwd: "../..",
      env: e2eEnv(),
      wait: { stdout: /listening on queue/ },
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
