import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { turnCredentials } from "@/server/services/calls/turn-credentials";
import { callerFor, createUser, testDeps } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const run = promisify(execFile);
const deps = testDeps();

/** Allocates a relay on the stack's real coturn with turnutils_uclient and sends a few packets through it. */
async function allocates(username: string, credential: string): Promise<boolean> {
  try {
    await run("turnutils_uclient", ["-u", username, "-w", credential, "-y", "-n", "2", "-m", "1", "-l", "100", "127.0.0.1"], { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

describe("TURN credentials against the real coturn", () => {
  it("are accepted while valid, and refused when expired or signed with another secret", async () => {
    const valid = turnCredentials(deps.env.TURN_SECRET, "turn-test-user", 600);
    expect(await allocates(valid.username, valid.credential)).toBe(true);
    const expired = turnCredentials(deps.env.TURN_SECRET, "turn-test-user", -60);
    expect(await allocates(expired.username, expired.credential)).toBe(false);
    const forged = turnCredentials("not-the-secret", "turn-test-user", 600);
    expect(await allocates(forged.username, forged.credential)).toBe(false);
  }, 70_000);

  it("are minted per signed-in user by calls.iceServers", async () => {
    const user = await createUser();
    const { iceServers, expiresAt } = await callerFor(user).calls.iceServers();
    const turn = iceServers.find((s) => s.username)!;
    expect(turn.username).toBe(`${expiresAt}:${user.id}`);
    expect(await allocates(turn.username!, turn.credential!)).toBe(true);
    await expectTrpcError(callerFor(null).calls.iceServers(), "UNAUTHORIZED");
  }, 40_000);
});
