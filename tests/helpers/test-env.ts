/**
 * Integration tests run against the real local stack (scripts/stack/up.sh) but their own database and Redis
 * database, so they never touch development data. Override one with TEST_<NAME> (e.g. TEST_DATABASE_URL).
 */
const defaults: Record<string, string> = {
  NODE_ENV: "test",
  APP_URL: "http://localhost:3100",
  AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  AUTH_TRUST_HOST: "true",
  ADMIN_EMAILS: "admin@hearth.test",
  DATABASE_URL: "postgresql://hearth:hearth@127.0.0.1:5433/hearth_test",
  REDIS_URL: "redis://127.0.0.1:6380/1",
  S3_ENDPOINT: "http://127.0.0.1:9000",
  S3_PUBLIC_ENDPOINT: "http://127.0.0.1:9000",
  S3_REGION: "us-east-1",
  S3_ACCESS_KEY_ID: "S3RVER",
  S3_SECRET_ACCESS_KEY: "S3RVER",
  S3_BUCKET: "hearth",
  S3_FORCE_PATH_STYLE: "true",
  SMTP_URL: "smtp://127.0.0.1:1025",
  MAIL_FROM: "Hearth Tests <tests@hearth.local>",
  TURN_SECRET: "dev-turn-secret-change-me",
  TURN_URLS: "turn:127.0.0.1:3478?transport=udp",
  STUN_URLS: "stun:127.0.0.1:3478",
};

export function applyTestEnv(): void {
  for (const [key, value] of Object.entries(defaults)) process.env[key] = process.env[`TEST_${key}`] ?? value;
}

applyTestEnv();
