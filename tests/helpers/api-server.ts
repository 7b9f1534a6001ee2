/**
 * A bare web server process serving Hearth's real tRPC router (the same handler, services, PostgreSQL and Redis)
 * for multi-process tests. Test double: the signed-in user comes from an `x-test-user-id` header instead of an
 * Auth.js cookie. Run: PORT=… node --import tsx tests/helpers/api-server.ts (prints "listening <port>").
 */
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { appRouter } from "@/server/api/root";
import { createDeps } from "@/server/infra/deps";
import { parseEnv } from "@/server/infra/env";
import { applyTestEnv } from "./test-env";

applyTestEnv();
const deps = createDeps(parseEnv(process.env));

const server = createHTTPServer({
  basePath: "/api/trpc/",
  router: appRouter,
  createContext: ({ req }) => {
    const userId = req.headers["x-test-user-id"];
    return {
      deps,
      user: typeof userId === "string" ? { id: userId, role: "USER" as const, needsTotp: false } : null,
      ip: "127.0.0.1",
    };
  },
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : process.env.PORT}`);
});
process.on("SIGTERM", () => process.exit(0));
