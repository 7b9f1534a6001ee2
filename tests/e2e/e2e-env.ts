import { stackPorts } from "../../scripts/stack/ports";
import { stackEnv } from "../helpers/stack-env";

export const E2E_PORT = stackPorts().e2e;
/** A second app server, without Jitsi, that jitsi-off.spec.ts starts for its own journey (the build is the same). */
export const E2E_NO_JITSI_PORT = Number(process.env.E2E_NO_JITSI_PORT ?? E2E_PORT + 1);

/**
 * The app and worker under test use their own database and Redis database (not development data, not the integration
 * tests'). E2E_PORT, E2E_DATABASE and E2E_REDIS_DB let a second checkout run journeys beside the first.
 */
export function e2eEnv(): Record<string, string> {
  const env = stackEnv({
    database: process.env.E2E_DATABASE ?? "hearth_e2e",
    redisDb: Number(process.env.E2E_REDIS_DB ?? 2),
    appUrl: `http://localhost:${E2E_PORT}`,
    mailFrom: "Hearth E2E <e2e@hearth.local>",
    authSecret: "e2e-secret-e2e-secret-e2e-secret-0123456",
  });
  env.AUTH_URL = env.APP_URL!;
  // A production build on the development stack (published dev secrets): allowed because APP_URL is localhost.
  env.HEARTH_ALLOW_DEV_SECRETS = "true";
  // Calls go through the real coturn only: the tests prove relayed media (STUN is unused under the relay policy).
  env.ICE_TRANSPORT_POLICY = "relay";
  env.TURN_URLS = `turn:127.0.0.1:${stackPorts().turn}?transport=udp`;
  env.STUN_URLS = "";
  return { ...(process.env as Record<string, string>), ...env };
}
