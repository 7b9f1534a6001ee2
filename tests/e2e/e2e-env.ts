export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

/** The app and worker under test use their own database and Redis database (not development data, not the integration tests'). */
export function e2eEnv(): Record<string, string> {
  const env: Record<string, string> = {
    APP_URL: `http://localhost:${E2E_PORT}`,
    AUTH_URL: `http://localhost:${E2E_PORT}`,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456",
    AUTH_TRUST_HOST: "true",
    ADMIN_EMAILS: "admin@hearth.test",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://hearth:hearth@127.0.0.1:5433/hearth_e2e",
    REDIS_URL: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6380/2",
    S3_ENDPOINT: "http://127.0.0.1:9000",
    S3_PUBLIC_ENDPOINT: "http://127.0.0.1:9000",
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_BUCKET: "hearth",
    S3_FORCE_PATH_STYLE: "true",
    SMTP_URL: "smtp://127.0.0.1:1025",
    MAIL_FROM: "Hearth E2E <e2e@hearth.local>",
    TURN_SECRET: "dev-turn-secret-change-me",
    TURN_URLS: "turn:127.0.0.1:3478?transport=udp",
    STUN_URLS: "stun:127.0.0.1:3478",
  };
  return { ...(process.env as Record<string, string>), ...env };
}

/** The development mail sink's API (scripts/stack/mail-sink.ts). */
export const MAIL_API = process.env.MAIL_API ?? "http://127.0.0.1:8025/api/messages";
