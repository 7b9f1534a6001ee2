import { describe, expect, it } from "vitest";
import type { CallView } from "@/server/services/realtime/events";
import { outcomeText } from "./call-outcome";
import { qualityOf } from "./call-stats";

const bob = { id: "bob", username: "bob", displayName: "Bob", avatarUrl: null };
const call = (status: CallView["status"], extra: Partial<CallView> = {}): CallView => ({
  id: "c1",
  conversationId: "k1",
  status,
  callerId: "ada",
  calleeId: "bob",
  callerDeviceId: "device-ada",
  calleeDeviceId: null,
  missedReason: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  acceptedAt: null,
  endedAt: null,
  endedById: null,
  durationSeconds: 0,
  ...extra,
});

describe("outcomeText", () => {
  it("says why a call did not happen", () => {
    expect(outcomeText(call("declined"), bob)).toBe("Bob declined");
    expect(outcomeText(call("busy"), bob)).toBe("Bob is in another call");
    expect(outcomeText(call("missed"), bob)).toBe("No answer");
    expect(outcomeText(call("missed", { missedReason: "offline" }), bob)).toBe("Bob isn't available right now");
    expect(outcomeText(call("missed", { missedReason: "unavailable" }), bob)).toBe("Bob isn't available right now");
    expect(outcomeText(call("failed"), bob)).toBe("Call failed — couldn't connect");
    // However the failure arrived (this device's watchdog or the other's report), a call that had media says so.
    expect(outcomeText(call("failed"), bob, true)).toBe("Call failed — the connection was lost");
  });

  it("gives an ended call its length", () => {
    expect(outcomeText(call("ended", { durationSeconds: 75 }), bob)).toBe("Call ended · 1:15");
  });
});

describe("qualityOf", () => {
  it("grades round trip and loss", () => {
    expect(qualityOf(0.05, 0)).toBe("good");
    expect(qualityOf(null, 0.01)).toBe("good");
    expect(qualityOf(0.4, 0.01)).toBe("fair");
    expect(qualityOf(0.1, 0.05)).toBe("fair");
    expect(qualityOf(0.8, 0)).toBe("poor");
    expect(qualityOf(0.1, 0.2)).toBe("poor");
  });
});
