import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

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
    expect(env.TURN_TTL_SECONDS).toBe(3600);
    expect(env.S3_FORCE_PATH_STYLE).toBe(true);
    expect(env.AUTH_GITHUB_ID).toBeUndefined();
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
