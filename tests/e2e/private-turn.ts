import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createSocket } from "node:dgram";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A coturn of the test's own (same TURN REST secret as the app, its own port and relay range), so a test can pause
 * or kill the relay under a live call without touching the shared stack's coturn. Loopback only.
 */
export interface PrivateTurn {
  port: number;
  /** SIGSTOP: packets go unanswered, as when a network path drops. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export async function startPrivateTurn(secret: string, port = 3479): Promise<PrivateTurn> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-turn-"));
  writeFileSync(
    join(dir, "turnserver.conf"),
    [
      "listening-ip=127.0.0.1",
      "relay-ip=127.0.0.1",
      `listening-port=${port}`,
      "min-port=49300",
      "max-port=49340",
      "realm=hearth.local",
      "use-auth-secret",
      `static-auth-secret=${secret}`,
      "fingerprint",
      "no-tls",
      "no-dtls",
      "no-tcp-relay",
      "no-cli",
      "allow-loopback-peers",
      "no-multicast-peers",
      `userdb=${join(dir, "turndb")}`,
      `log-file=${join(dir, "turnserver.log")}`,
      "simple-log",
    ].join("\n"),
  );
  const child: ChildProcess = spawn("turnserver", ["-c", join(dir, "turnserver.conf")], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForStun(port, () => readLog(dir));
  return {
    port,
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    stop: async () => {
      child.kill("SIGCONT");
      child.kill("SIGKILL");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const readLog = (dir: string) => {
  try {
    return readFileSync(join(dir, "turnserver.log"), "utf8").slice(-2000);
  } catch {
    return "(no log)";
  }
};

/** Resolves once a STUN binding request on the port is answered (coturn is up). */
async function waitForStun(port: number, log: () => string, timeoutMs = 10_000): Promise<void> {
  // A minimal RFC 5389 binding request: type 0x0001, length 0, magic cookie, 12-byte transaction id.
  const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), Buffer.alloc(12, 7)]);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createSocket("udp4");
      const timer = setTimeout(() => (socket.close(), resolve(false)), 300);
      socket.once("message", () => (clearTimeout(timer), socket.close(), resolve(true)));
      socket.send(request, port, "127.0.0.1");
    });
    if (answered) return;
  }
  throw new Error(`private coturn did not answer STUN on ${port}:\n${log()}`);
}
