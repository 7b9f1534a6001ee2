import { readFileSync } from "node:fs";

/**
 * The stack's host ports for TypeScript (tests, the e2e config): read from ports.env beside this file, the same file
 * the shell scripts read, and overridden like there by an environment variable of the same name.
 */
const NAMES = {
  postgres: "STACK_PG_PORT",
  redis: "STACK_REDIS_PORT",
  s3: "STACK_S3_PORT",
  smtp: "STACK_SMTP_PORT",
  mailHttp: "STACK_MAIL_HTTP_PORT",
  turn: "STACK_TURN_PORT",
  clamd: "STACK_CLAMD_PORT",
  dev: "DEV_PORT",
  e2e: "E2E_PORT",
} as const;

export type StackPorts = Record<keyof typeof NAMES, number>;

/** NAME=value lines; blank lines and # comments are skipped. */
export function parsePortsFile(text: string): Record<string, string> {
  const entries = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
  return Object.fromEntries(entries);
}

export const PORTS_FILE = new URL("./ports.env", import.meta.url);

export function stackPorts(env: Record<string, string | undefined> = process.env): StackPorts {
  const defaults = parsePortsFile(readFileSync(PORTS_FILE, "utf8"));
  const port = (name: string) => {
    const value = Number(env[name] || defaults[name]);
    if (!Number.isInteger(value) || value < 1 || value > 65_535)
      throw new Error(`${name}: not a port (${env[name] || defaults[name]}); see scripts/stack/ports.env`);
    return value;
  };
  return Object.fromEntries(Object.entries(NAMES).map(([key, name]) => [key, port(name)])) as StackPorts;
}
