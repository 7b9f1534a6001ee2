import { describe, expect, it } from "vitest";
import { authUrlFromAppUrl, EnvError, parseEnv } from "./env";

const valid = {
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "x".repeat(32),
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5433/db",
  REDIS_URL: "redis://127.0.0.1:6380/0",
  S3_ENDPOINT: "http://127.0.0.1:9000",
  S3_PUBLIC_ENDPOINT: "http://127.0.0.1:9000",
  S3_REGION: "us-east-1",
  S3_ACCESS_KEY_ID: "k",
  S3_SECRET_ACCESS_KEY: "s",
  S3_BUCKET: "hearth",
  SMTP_URL: "smtp://127.0.0.1:1025",
  MAIL_FROM: "Hearth <a@b.c>",
  TURN_SECRET: "turn-secret",
  TURN_URLS: "turn:a:3478?transport=udp, turn:a:3478?transport=tcp",
};

const problems = (source: Record<string, string | undefined>) => {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
};

describe("environment validation", () => {
  it("parses a complete environment, with lists and defaults", () => {
    const env = parseEnv({ ...valid, ADMIN_EMAILS: "Root@Example.com, b@c.d" });
    expect(env.TURN_URLS).toEqual(["turn:a:3478?transport=udp", "turn:a:3478?transport=tcp"]);
    expect(env.ADMIN_EMAILS).toEqual(["root@example.com", "b@c.d"]);
    expect(env.TURN_TTL_SECONDS).toBe(600);
    expect(env.S3_FORCE_PATH_STYLE).toBe(true);
    expect(env.AUTH_GITHUB_ID).toBeUndefined();
  });

  it("keeps Jitsi tokens short: 120 s by default, at most 10 minutes", () => {
    expect(parseEnv(valid).JITSI_TOKEN_TTL_SECONDS).toBe(120);
    expect(problems({ ...valid, JITSI_TOKEN_TTL_SECONDS: "3600" })).toEqual([
      expect.stringMatching(/^JITSI_TOKEN_TTL_SECONDS: /),
    ]);
  });

  it("takes clamd's address as tcp://host:port or a unix socket, and leaves it unset in development", () => {
    expect(parseEnv({ ...valid, CLAMD_URL: "tcp://127.0.0.1:3310" }).CLAMD_URL).toBe("tcp://127.0.0.1:3310");
    expect(parseEnv({ ...valid, CLAMD_URL: "/run/clamav/clamd.ctl" }).CLAMD_URL).toBe("/run/clamav/clamd.ctl");
    expect(parseEnv({ ...valid, CLAMD_URL: "" }).CLAMD_URL).toBeUndefined();
    for (const bad of ["127.0.0.1:3310", "tcp://clamav", "http://clamav:3310", "tcp://clamav:99999"]) {
      expect(problems({ ...valid, CLAMD_URL: bad })).toEqual([
        expect.stringMatching(/^CLAMD_URL: must be tcp:\/\/host:port or a unix socket path/),
      ]);
    }
  });

  it("names a missing variable", () => {
    const { DATABASE_URL: _, ...rest } = valid;
    expect(problems(rest)).toEqual(["DATABASE_URL is missing"]);
  });

  it("names a malformed variable and says what is wrong", () => {
    expect(problems({ ...valid, REDIS_URL: "localhost:6379", AUTH_SECRET: "short" })).toEqual([
      expect.stringMatching(/^AUTH_SECRET: .*32 characters/),
      "REDIS_URL: must be a redis:// URL",
    ]);
  });
});

describe("AUTH_URL", () => {
  it("comes from APP_URL unless set explicitly (never from a request's Host header)", () => {
    const unset: Record<string, string | undefined> = {};
    authUrlFromAppUrl(unset, "https://hearth.example.org");
    expect(unset.AUTH_URL).toBe("https://hearth.example.org");
    const explicit: Record<string, string | undefined> = { AUTH_URL: "https://auth.example.org" };
    authUrlFromAppUrl(explicit, "https://hearth.example.org");
    expect(explicit.AUTH_URL).toBe("https://auth.example.org");
  });
});

describe("production refuses development values", () => {
  // A deployment done right: every secret its own, https, real admin addresses.
  const production = {
    ...valid,
    NODE_ENV: "production",
    APP_URL: "https://hearth.example.org",
    AUTH_SECRET: "Jq8vR2mX7pL4wN9cT1bY6kZ3hF5dG0sA+u/e=",
    DATABASE_URL: "postgresql://hearth:Vb7Qm2Lx9Rt4Wn8K@db.internal:5432/hearth",
    REDIS_URL: "redis://:Zp4Hs8Kd2Mq7Xv1N@redis.internal:6379/0",
    S3_ACCESS_KEY_ID: "AKQ7RM2XW9PL4TNV",
    S3_SECRET_ACCESS_KEY: "w8Lq2Vx7Rm4Kp9Tn3Hd6Bs1Fz5Gc0Ja",
    TURN_SECRET: "Hn3Kq8Vz2Xp7Lm4Rt9Wd6Bs1",
    ADMIN_EMAILS: "ops@hearth-family.org",
    CLAMD_URL: "tcp://clamav.internal:3310",
  };

  it("accepts a deployment with its own secrets", () => {
    expect(problems(production)).toEqual([]);
  });

  it("requires a malware scanner (every upload is scanned), even for a production build on this machine", () => {
    const { CLAMD_URL: _, ...unscanned } = production;
    expect(problems(unscanned)).toEqual([expect.stringMatching(/^CLAMD_URL: is required in production/)]);
    expect(problems({ ...unscanned, APP_URL: "http://localhost:3100", HEARTH_ALLOW_DEV_SECRETS: "true" })).toEqual([
      expect.stringMatching(/^CLAMD_URL: is required/),
    ]);
  });

  it.each([
    [
      "AUTH_SECRET",
      { AUTH_SECRET: "dev-only-secret-change-me-0123456789abcdef" },
      /^production: AUTH_SECRET is the published development value; make one with `openssl rand -base64 32`/,
    ],
    [
      "AUTH_SECRET placeholder",
      { AUTH_SECRET: "replace-me-with-something-long-enough-ok" },
      /^production: AUTH_SECRET looks like a placeholder/,
    ],
    [
      "AUTH_SECRET without variety",
      { AUTH_SECRET: "x".repeat(40) },
      /^production: AUTH_SECRET looks like a placeholder/,
    ],
    [
      "TURN_SECRET",
      { TURN_SECRET: "dev-turn-secret-change-me" },
      /^production: TURN_SECRET is the published development value/,
    ],
    [
      "JITSI_APP_SECRET",
      {
        JITSI_DOMAIN: "meet.example.org",
        JITSI_APP_SECRET: "dev-jitsi-secret-change-me-0123456789abcdef",
        JITSI_WEBHOOK_SECRET: "Qm4Lx8Vn2Rk7Tz3Wp9Hd5Bs1Fj6Gc0Ya",
      },
      /^production: JITSI_APP_SECRET is the published development value/,
    ],
    [
      "JITSI_WEBHOOK_SECRET",
      {
        JITSI_DOMAIN: "meet.example.org",
        JITSI_APP_SECRET: "Qm4Lx8Vn2Rk7Tz3Wp9Hd5Bs1Fj6Gc0Ya",
        JITSI_WEBHOOK_SECRET: "dev-jitsi-webhook-secret-change-me-0123456789",
      },
      /^production: JITSI_WEBHOOK_SECRET is the published development value/,
    ],
    [
      "S3 secret (s3rver)",
      { S3_SECRET_ACCESS_KEY: "S3RVER" },
      /^production: S3_SECRET_ACCESS_KEY is the published development value/,
    ],
    [
      "S3 secret (MinIO dev)",
      { S3_SECRET_ACCESS_KEY: "S3RVER1234" },
      /^production: S3_SECRET_ACCESS_KEY is the published development value/,
    ],
    ["S3 key id", { S3_ACCESS_KEY_ID: "S3RVER" }, /^production: S3_ACCESS_KEY_ID is the published development value/],
    [
      "Postgres password",
      { DATABASE_URL: "postgresql://hearth:hearth@db:5432/hearth" },
      /^production: DATABASE_URL uses the published development password; make one with `openssl rand -hex 24`/,
    ],
    [
      "no Postgres password",
      { DATABASE_URL: "postgresql://hearth@db:5432/hearth" },
      /^production: DATABASE_URL has no password/,
    ],
    [
      "no Redis password",
      { REDIS_URL: "redis://redis:6379/0" },
      /^production: REDIS_URL has no password; set Redis's requirepass/,
    ],
    ["http APP_URL", { APP_URL: "http://hearth.example.org" }, /^production: APP_URL must be https:\/\/ in production/],
    [
      "example admin",
      { ADMIN_EMAILS: "ops@hearth-family.org, admin@hearth.local" },
      /^production: ADMIN_EMAILS holds example addresses \(admin@hearth\.local\)/,
    ],
    ["example.com admin", { ADMIN_EMAILS: "root@example.com" }, /^production: ADMIN_EMAILS holds example addresses/],
    [
      "OAuth secret placeholder",
      { AUTH_GITHUB_ID: "Iv1.abc", AUTH_GITHUB_SECRET: "your-github-secret" },
      /^production: AUTH_GITHUB_SECRET looks like a placeholder/,
    ],
  ] satisfies [string, Record<string, string>, RegExp][])("names %s", (_name, override, message) => {
    const found = problems({ ...production, ...override });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("names every problem at once (the published .env.example as a production environment)", () => {
    const found = problems({
      ...valid,
      NODE_ENV: "production",
      AUTH_SECRET: "dev-only-secret-change-me-0123456789abcdef",
      DATABASE_URL: "postgresql://hearth:hearth@127.0.0.1:5433/hearth",
      REDIS_URL: "redis://127.0.0.1:6380/0",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      TURN_SECRET: "dev-turn-secret-change-me",
      APP_URL: "http://hearth.example.org",
      ADMIN_EMAILS: "admin@hearth.local",
      CLAMD_URL: "tcp://127.0.0.1:3310",
    });
    expect(found.map((p) => p.split(" ")[1])).toEqual([
      "AUTH_SECRET",
      "TURN_SECRET",
      "S3_SECRET_ACCESS_KEY",
      "S3_ACCESS_KEY_ID",
      "DATABASE_URL",
      "REDIS_URL",
      "APP_URL",
      "ADMIN_EMAILS",
    ]);
  });

  it("allows development values for a production build on this machine only when asked, and never off localhost", () => {
    const devStack = {
      ...valid,
      NODE_ENV: "production",
      APP_URL: "http://localhost:3100",
      AUTH_SECRET: "dev-only-secret-change-me-0123456789abcdef",
      CLAMD_URL: "tcp://127.0.0.1:3310",
    };
    expect(problems(devStack).length).toBeGreaterThan(0);
    expect(problems({ ...devStack, HEARTH_ALLOW_DEV_SECRETS: "true" })).toEqual([]);
    expect(problems({ ...production, HEARTH_ALLOW_DEV_SECRETS: "true" })).toEqual([
      "HEARTH_ALLOW_DEV_SECRETS: is only for a production build on this machine (APP_URL on localhost); remove it",
    ]);
  });

  it("leaves development and tests alone", () => {
    expect(
      problems({ ...valid, NODE_ENV: "development", AUTH_SECRET: "dev-only-secret-change-me-0123456789abcdef" }),
    ).toEqual([]);
  });
});
