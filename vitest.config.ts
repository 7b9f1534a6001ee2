import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname, "web/src"),
  // Server modules carry `import "server-only"`; outside Next it resolves to an empty module (see that file).
  "server-only": path.resolve(import.meta.dirname, "scripts/lib/server-only-outside-next.ts"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["web/src/**/*.test.ts", "worker/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/helpers/next-runtime.ts", "tests/helpers/test-env.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Route handlers call Auth.js, whose ESM build imports "next/server" without an extension (Node refuses
          // that; Vite resolves it).
          server: { deps: { inline: ["next-auth"] } },
        },
      },
      {
        resolve: { alias },
        // Reads the production build (web/.next): scripts/test.sh runs it after `next build web`.
        test: { name: "build", include: ["tests/build/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
    ],
  },
});
