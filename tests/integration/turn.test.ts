import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { turnCredentials } from "@/server/services/calls/turn-credentials";
import { connect } from "@/server/services/presence/presence";
import { callerFor, createUser, makeFriends, testDeps } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const run = promisify(execFile);
const deps = testDeps();

/** Allocates a relay on the stack's real coturn with turnutils_uclient and sends a few packets through it. */
async function allocates(username: string, credential: string): Promise<boolean> {
  try {
    await run(
      "turnutils_uclient",
      ["-u", username, "-w", credential, "-y", "-n", "2", "-m", "1", "-l", "100", "127.0.0.1"],
      { timeout: 20_000 },
    );
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

  it("are minted only for a party of a ringing or accepted call, valid at most 10 minutes, and work on coturn", async () => {
    const [ada, bob, eve] = await Promise.all([createUser(), createUser(), createUser()]);
    await makeFriends(ada, bob);
    await Promise.all([connect(deps, ada.id), connect(deps, bob.id)]);
    const call = await callerFor(ada).calls.start({ calleeId: bob.id, deviceId: "ada-device-0001" });
    expect(call.status).toBe("ringing");
    for (const party of [ada, bob]) {
      const { iceServers, expiresAt } = await callerFor(party).calls.iceServers({ callId: call.id });
      const turn = iceServers.find((s) => s.username)!;
      expect(turn.username).toBe(`${expiresAt}:${party.id}`);
      expect(expiresAt - Date.now() / 1000).toBeLessThanOrEqual(600);
      expect(await allocates(turn.username!, turn.credential!)).toBe(true);
    }
    // Not a party, not signed in, no such call, or the call is over: nothing (NOT_FOUND, as if there were no call).
    await expectTrpcError(callerFor(eve).calls.iceServers({ callId: call.id }), "NOT_FOUND");
    await expectTrpcError(callerFor(null).calls.iceServers({ callId: call.id }), "UNAUTHORIZED");
    await expectTrpcError(callerFor(ada).calls.iceServers({ callId: "no-such-call" }), "NOT_FOUND");
    await callerFor(ada).calls.hangUp({ callId: call.id });
    await expectTrpcError(callerFor(ada).calls.iceServers({ callId: call.id }), "NOT_FOUND");
  }, 60_000);

  it("are rate-limited per user", async () => {
    const [ada, bob] = await Promise.all([createUser(), createUser()]);
    await makeFriends(ada, bob);
    await Promise.all([connect(deps, ada.id), connect(deps, bob.id)]);
    const call = await callerFor(ada).calls.start({ calleeId: bob.id, deviceId: "ada-device-0001" });
    for (let i = 0; i < 30; i++) await callerFor(ada).calls.iceServers({ callId: call.id });
    await expectTrpcError(callerFor(ada).calls.iceServers({ callId: call.id }), "TOO_MANY_REQUESTS");
  });
});
