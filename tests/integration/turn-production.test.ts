import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { turnCredentials } from "@/server/services/calls/turn-credentials";
import { stackPorts } from "../../scripts/stack/ports";
import { testDeps } from "../helpers/deps";

/**
 * docker/turnserver.conf (what a deployment runs) on a real coturn, beside the development stack's coturn: a TURN
 * server relays to whatever address a credential holder names, so production must refuse loopback and private
 * peers (SSRF through TURN), while the test stack's relay to loopback keeps the browser tests' calls working.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const deps = testDeps();
const PROD_PORT = 3479;
const PEER_PORT = 3490;
const SECRET = "production-config-test-secret-0123456789";
const children: ChildProcess[] = [];
let dir = "";

const waitFor = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start`);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hearth-turn-prod-"));
  // Only what a test instance must change: where it listens, its secret, where it keeps state.
  children.push(
    spawn(
      "turnserver",
      [
        "-c",
        path.join(ROOT, "docker/turnserver.conf"),
        "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1",
        `--listening-port=${PROD_PORT}`,
        "--min-port=49210",
        "--max-port=49230",
        `--static-auth-secret=${SECRET}`,
        `--userdb=${dir}/turndb`,
        `--pidfile=${dir}/pid`,
      ],
      { stdio: "ignore" },
    ),
    spawn("turnutils_peer", ["-p", String(PEER_PORT), "-L", "127.0.0.1"], { stdio: "ignore" }),
  );
  await waitFor(
    () =>
      run("turnutils_stunclient", ["-p", String(PROD_PORT), "127.0.0.1"], { timeout: 2000 }).then(
        () => true,
        () => false,
      ),
    "the production-config coturn",
  );
});

afterAll(async () => {
  for (const child of children) child.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Relays two packets to `peer` through the coturn at `port`; the client's output says what the server answered. */
async function relay(port: number, secret: string, peer: string): Promise<{ ok: boolean; output: string }> {
  const { username, credential } = turnCredentials(secret, "relay-tester", 300);
  const args = [
    "-p",
    String(port),
    "-u",
    username,
    "-w",
    credential,
    "-e",
    peer,
    "-r",
    String(PEER_PORT),
    "-n",
    "2",
    "-m",
    "1",
    "-l",
    "100",
    "127.0.0.1",
  ];
  return run("turnutils_uclient", args, { timeout: 20_000 }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (error: { stdout?: string; stderr?: string }) => ({
      ok: false,
      output: (error.stdout ?? "") + (error.stderr ?? ""),
    }),
  );
}

describe("coturn configurations", () => {
  it("production (docker/turnserver.conf) refuses to relay to loopback and private addresses", async () => {
    for (const peer of ["127.0.0.1", "10.0.0.1"]) {
      const result = await relay(PROD_PORT, SECRET, peer);
      expect(result.ok, peer).toBe(false);
      expect(result.output, peer).toContain("403 (Forbidden IP)");
    }
  }, 60_000);

  it("the test stack's coturn relays to loopback (the browser tests' calls go that way)", async () => {
    const result = await relay(stackPorts().turn, deps.env.TURN_SECRET, "127.0.0.1");
    expect(result.ok).toBe(true);
    expect(result.output).toContain("Total lost packets 0");
  }, 30_000);

  it("ships no loopback allowance and caps what one user can take", async () => {
    const conf = await readFile(path.join(ROOT, "docker/turnserver.conf"), "utf8");
    expect(conf).not.toMatch(/^\s*allow-loopback-peers/m);
    expect(conf).toMatch(/^user-quota=\d+/m);
    expect(conf).toMatch(/^max-bps=\d+/m);
  });
});
