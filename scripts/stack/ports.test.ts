import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDotenv } from "@/server/services/rooms/jitsi-config-check";
import { parsePortsFile, PORTS_FILE, stackPorts } from "./ports";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const ports = stackPorts({});
const portOf = (url: string) => Number(new URL(url).port);

describe("the stack's ports (scripts/stack/ports.env)", () => {
  it("are read the same way by the shell scripts and by TypeScript, an environment variable winning in both", () => {
    const names = Object.keys(parsePortsFile(readFileSync(PORTS_FILE, "utf8")));
    expect(names).toEqual([
      "STACK_PG_PORT",
      "STACK_REDIS_PORT",
      "STACK_S3_PORT",
      "STACK_SMTP_PORT",
      "STACK_MAIL_HTTP_PORT",
      "STACK_TURN_PORT",
      "STACK_CLAMD_PORT",
      "DEV_PORT",
      "E2E_PORT",
    ]);
    const fromShell = (env: Record<string, string>) => {
      const script = `. scripts/stack/ports.sh; echo ${names.map((name) => `$${name}`).join(" ")}`;
      const clean = { ...process.env, ...env };
      for (const name of names) if (!(name in env)) delete clean[name];
      return execFileSync("bash", ["-c", script], { cwd: ROOT, env: clean, encoding: "utf8" })
        .trim()
        .split(" ")
        .map(Number);
    };
    expect(fromShell({})).toEqual(Object.values(ports));
    expect(fromShell({ STACK_PG_PORT: "5544", E2E_PORT: "3200" })).toEqual(
      Object.values({ ...ports, postgres: 5544, e2e: 3200 }),
    );
    expect(stackPorts({ STACK_PG_PORT: "5544", E2E_PORT: "3200" })).toEqual({ ...ports, postgres: 5544, e2e: 3200 });
  });

  it("refuses a value that is not a port, naming the variable", () => {
    expect(() => stackPorts({ STACK_REDIS_PORT: "63a80" })).toThrow(/^STACK_REDIS_PORT: not a port/);
    expect(() => stackPorts({ DEV_PORT: "70000" })).toThrow(/^DEV_PORT: not a port/);
  });

  it("match the host ports .env.example points the app at", () => {
    const example = parseDotenv(read(".env.example"));
    expect({
      postgres: portOf(example.DATABASE_URL!),
      redis: portOf(example.REDIS_URL!),
      s3: [portOf(example.S3_ENDPOINT!), portOf(example.S3_PUBLIC_ENDPOINT!)],
      smtp: portOf(example.SMTP_URL!),
      clamd: portOf(example.CLAMD_URL!),
      turn: [...example.TURN_URLS!.split(","), example.STUN_URLS!].map((url) => Number(/:(\d+)(\?|$)/.exec(url)?.[1])),
      dev: portOf(example.APP_URL!),
    }).toEqual({
      postgres: ports.postgres,
      redis: ports.redis,
      s3: [ports.s3, ports.s3],
      smtp: ports.smtp,
      clamd: ports.clamd,
      turn: [ports.turn, ports.turn, ports.turn],
      dev: ports.dev,
    });
  });

  it("match the host side of docker/compose.yml's published ports, its coturn and Jitsi's TURN port", () => {
    // "127.0.0.1:<host>:<container>": each service is published on the host port the stack uses (others, like
    // MinIO's console and Jitsi's web, are not part of the stack).
    const published = Object.fromEntries(
      [...read("docker/compose.yml").matchAll(/"127\.0\.0\.1:(\d+):(\d+)"/g)].map((m) => [Number(m[2]), Number(m[1])]),
    );
    expect(published).toMatchObject({
      5432: ports.postgres,
      6379: ports.redis,
      9000: ports.s3,
      1025: ports.smtp,
      8025: ports.mailHttp,
      3310: ports.clamd,
      3000: ports.dev,
    });
    // coturn runs on the host's network: its listening port is the host port.
    expect(read("docker/turnserver.conf")).toMatch(new RegExp(`^listening-port=${ports.turn}$`, "m"));
    expect(parseDotenv(read("jitsi/jitsi.env")).TURN_PORT).toBe(String(ports.turn));
  });

  it("match the port web/server.ts serves on when none is given", () => {
    expect(read("web/server.ts")).toContain(`process.env.PORT ?? "${ports.dev}"`);
  });
});
