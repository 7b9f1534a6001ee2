import { stackPorts } from "../../scripts/stack/ports";
import { stackEnv } from "./stack-env";

/**
 * Integration tests run against the real local stack (scripts/stack/up.sh) but their own database and Redis
 * database, so they never touch development data. Override one with TEST_<NAME> (e.g. TEST_DATABASE_URL).
 */
const defaults: Record<string, string> = {
  NODE_ENV: "test",
  ...stackEnv({
    database: "hearth_test",
    redisDb: 1,
    appUrl: `http://localhost:${stackPorts().e2e}`,
    mailFrom: "Hearth Tests <tests@hearth.local>",
    authSecret: "test-secret-test-secret-test-secret-0123",
  }),
};

export function applyTestEnv(): void {
  for (const [key, value] of Object.entries(defaults)) process.env[key] = process.env[`TEST_${key}`] ?? value;
}

applyTestEnv();
