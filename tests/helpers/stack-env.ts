import { stackPorts } from "../../scripts/stack/ports";

const ports = stackPorts();

/**
 * Settings for code under test that talks to the local stack (scripts/stack/up.sh). Integration tests and the
 * browser journeys each get their own PostgreSQL database and Redis database, so neither touches development
 * data nor each other's.
 */
export function stackEnv(target: {
  database: string;
  redisDb: number;
  appUrl: string;
  mailFrom: string;
  authSecret: string;
}): Record<string, string> {
  return {
    APP_URL: target.appUrl,
    AUTH_SECRET: target.authSecret,
    AUTH_TRUST_HOST: "true",
    ADMIN_EMAILS:
      "admin@hearth.test,reset-admin@hearth.test,oauth-admin@hearth.test,unverified-oauth-admin@hearth.test",
    DATABASE_URL: `postgresql://hearth:hearth@127.0.0.1:${ports.postgres}/${target.database}`,
    REDIS_URL: `redis://127.0.0.1:${ports.redis}/${target.redisDb}`,
    S3_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
    S3_PUBLIC_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_BUCKET: "hearth",
    S3_FORCE_PATH_STYLE: "true",
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
    // The stack's clamd, whose offline signature database knows the EICAR test string.
    CLAMD_URL: `tcp://127.0.0.1:${ports.clamd}`,
    MAIL_FROM: target.mailFrom,
    TURN_SECRET: "dev-turn-secret-change-me",
    TURN_URLS: `turn:127.0.0.1:${ports.turn}?transport=udp`,
    STUN_URLS: `stun:127.0.0.1:${ports.turn}`,
    // A VAPID pair made for the tests only (push goes to a local test double of a push service).
    VAPID_PUBLIC_KEY: "BPPW_I3J648eXGY4BIlvTCrtEDMUMHznjYnj5cSkUpCJqu8zyS5XUZ9zwlf9HY8EzF8hCp4-mlHgcip6CLX920A",
    VAPID_PRIVATE_KEY: "sxPtiYdmXqQ2HVHxOozCArXD_C2ytsItFjhDn1Bao6I",
    VAPID_SUBJECT: "mailto:tests@hearth.local",
    // The only push service the tests send to: the local test double.
    PUSH_SERVICE_HOSTS: "127.0.0.1",
    // Jitsi's media servers cannot run here: tokens are checked against the contract Prosody enforces, and pages
    // load a test double of external_api.js from this domain.
    // Open event streams re-check their session this often (production: 15 s).
    SESSION_RECHECK_SECONDS: "1",
    JITSI_DOMAIN: "jitsi.hearth.test",
    JITSI_APP_ID: "hearth",
    JITSI_AUDIENCE: "hearth",
    JITSI_XMPP_DOMAIN: "meet.jitsi",
    JITSI_APP_SECRET: "test-jitsi-secret-0123456789abcdef0123456789",
    JITSI_JWT_ALGORITHM: "HS256",
    JITSI_WEBHOOK_SECRET: "test-jitsi-webhook-secret-0123456789abcdef",
  };
}
