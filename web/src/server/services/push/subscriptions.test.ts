import { describe, expect, it } from "vitest";
import { parseEnv } from "../../infra/env";
import { isAllowedPushEndpoint } from "./subscriptions";

const hosts = parseEnv({
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "x".repeat(32),
  DATABASE_URL: "postgresql://a",
  REDIS_URL: "redis://a",
  S3_ENDPOINT: "http://a",
  S3_PUBLIC_ENDPOINT: "http://a",
  S3_REGION: "r",
  S3_ACCESS_KEY_ID: "k",
  S3_SECRET_ACCESS_KEY: "s",
  S3_BUCKET: "bkt",
  SMTP_URL: "smtp://a",
  MAIL_FROM: "a@b.c",
  TURN_SECRET: "turn-secret",
}).PUSH_SERVICE_HOSTS;
const production = { PUSH_SERVICE_HOSTS: hosts, NODE_ENV: "production" };

describe("push endpoints the server may send to", () => {
  it("accepts the browsers' own push services by default", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc",
      "https://updates.push.services.mozilla.com/wpush/v2/abc",
      "https://web.push.apple.com/QGx",
      "https://wns2-par02p.notify.windows.com/w/?token=x",
    ]) {
      expect(isAllowedPushEndpoint(production, endpoint), endpoint).toBe(true);
    }
  });
  it("refuses look-alikes, other hosts, http in production and credentials in the URL", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com.evil.example/x",
      "https://evilpush.apple.com/x",
      "https://push.apple.com.example/x",
      "http://fcm.googleapis.com/fcm/send/abc",
      "https://user:pw@fcm.googleapis.com/x",
      "https://10.0.0.5/push",
      "not a url",
    ]) {
      expect(isAllowedPushEndpoint(production, endpoint), endpoint).toBe(false);
    }
  });
});
