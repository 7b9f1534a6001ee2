import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDotenv } from "../services/rooms/jitsi-config-check";
import { looksLikePlaceholder, PUBLISHED_DEV_VALUES } from "./production-config";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const SECRET_NAME = /SECRET|PASSWORD|CREDENTIALS|ACCESS_KEY/;

describe("the published development values", () => {
  it("include every secret in .env.example and jitsi/jitsi.env (or it is caught as a placeholder)", async () => {
    for (const file of [".env.example", "jitsi/jitsi.env"]) {
      const values = parseDotenv(await readFile(path.join(ROOT, file), "utf8"));
      for (const [name, value] of Object.entries(values)) {
        if (!SECRET_NAME.test(name) || !value) continue;
        expect(PUBLISHED_DEV_VALUES.includes(value) || looksLikePlaceholder(value), `${file}: ${name}`).toBe(true);
      }
    }
  });

  it("include the dev stack's database password and MinIO's secret from docker/compose.yml", async () => {
    const compose = await readFile(path.join(ROOT, "docker/compose.yml"), "utf8");
    const defaults = [
      ...compose.matchAll(/(?:POSTGRES_PASSWORD|MINIO_ROOT_PASSWORD|MINIO_ROOT_USER):\s*\$\{[A-Z0-9_]+:-([^}]+)\}/g),
    ];
    expect(defaults.length).toBeGreaterThanOrEqual(3);
    for (const match of defaults) expect(PUBLISHED_DEV_VALUES, match[0]).toContain(match[1]);
  });
});
