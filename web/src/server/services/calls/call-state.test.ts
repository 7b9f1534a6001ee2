import { describe, expect, it } from "vitest";
import type { AppError } from "../../errors";
import {
  callDurationSeconds,
  resolveCrossedCall,
  RING_TIMEOUT_MS,
  startCall,
  transition,
  type CallEvent,
  type CallState,
} from "./call-state";

const T0 = 1_800_000_000_000;
const ringing = () => startCall("ada", "bob", { calleeBusy: false, now: T0 });
const fails = (state: CallState, event: CallEvent, code: AppError["code"], now = T0 + 1000) => {
  expect(() => transition(state, event, now)).toThrowError(expect.objectContaining({ code }));
};

describe("call state machine", () => {
  it("starts ringing, or busy when the callee is already in a call", () => {
    expect(ringing()).toMatchObject({ status: "ringing", callerId: "ada", calleeId: "bob", endedAt: null });
    expect(startCall("ada", "bob", { calleeBusy: true, now: T0 })).toMatchObject({ status: "busy", endedAt: T0 });
    expect(() => startCall("ada", "ada", { calleeBusy: false, now: T0 })).toThrowError(
      expect.objectContaining({ code: "BAD_REQUEST" }),
    );
  });

  it("ringing → accepted → ended, with the duration from answer to hang-up", () => {
    const accepted = transition(ringing(), { type: "accept", by: "bob" }, T0 + 5000);
    expect(accepted).toMatchObject({ status: "accepted", acceptedAt: T0 + 5000 });
    const ended = transition(accepted, { type: "hangup", by: "ada" }, T0 + 65_000);
    expect(ended).toMatchObject({ status: "ended", endedBy: "ada", endedAt: T0 + 65_000 });
    expect(callDurationSeconds(ended)).toBe(60);
  });

  it("ringing → declined by the callee; cancelled by the caller; a callee hang-up while ringing is a decline", () => {
    expect(transition(ringing(), { type: "decline", by: "bob" }, T0 + 1)).toMatchObject({
      status: "declined",
      endedBy: "bob",
    });
    expect(transition(ringing(), { type: "cancel", by: "ada" }, T0 + 1)).toMatchObject({
      status: "cancelled",
      endedBy: "ada",
    });
    expect(transition(ringing(), { type: "hangup", by: "ada" }, T0 + 1)).toMatchObject({ status: "cancelled" });
    expect(transition(ringing(), { type: "hangup", by: "bob" }, T0 + 1)).toMatchObject({ status: "declined" });
    expect(callDurationSeconds(transition(ringing(), { type: "decline", by: "bob" }, T0 + 1))).toBe(0);
  });

  it("ringing → missed only once 30 seconds have passed", () => {
    fails(ringing(), { type: "timeout" }, "CONFLICT", T0 + RING_TIMEOUT_MS - 1);
    expect(transition(ringing(), { type: "timeout" }, T0 + RING_TIMEOUT_MS)).toMatchObject({
      status: "missed",
      endedBy: null,
    });
  });

  it("fails from ringing or accepted", () => {
    expect(transition(ringing(), { type: "fail" }, T0 + 1).status).toBe("failed");
    const accepted = transition(ringing(), { type: "accept", by: "bob" }, T0 + 1);
    expect(transition(accepted, { type: "fail" }, T0 + 2).status).toBe("failed");
  });

  it("refuses what the other party may not do, and anyone outside the call", () => {
    fails(ringing(), { type: "accept", by: "ada" }, "BAD_REQUEST");
    fails(ringing(), { type: "decline", by: "ada" }, "BAD_REQUEST");
    fails(ringing(), { type: "accept", by: "eve" }, "NOT_FOUND");
    fails(ringing(), { type: "hangup", by: "eve" }, "NOT_FOUND");
  });

  it("refuses every event once the call is over, and answering twice", () => {
    const accepted = transition(ringing(), { type: "accept", by: "bob" }, T0 + 1);
    fails(accepted, { type: "accept", by: "bob" }, "CONFLICT");
    fails(accepted, { type: "decline", by: "bob" }, "CONFLICT");
    fails(accepted, { type: "timeout" }, "CONFLICT", T0 + 60_000);
    for (const finished of [
      transition(accepted, { type: "hangup", by: "bob" }, T0 + 2),
      transition(ringing(), { type: "decline", by: "bob" }, T0 + 2),
      startCall("ada", "bob", { calleeBusy: true, now: T0 }),
    ]) {
      for (const event of [
        { type: "accept", by: "bob" },
        { type: "hangup", by: "ada" },
        { type: "timeout" },
        { type: "fail" },
      ] as CallEvent[]) {
        fails(finished, event, "CONFLICT", T0 + 120_000);
      }
    }
  });

  it("connects two people who call each other at the same moment, instead of two crossing calls", () => {
    const adaCallsBob = ringing();
    expect(resolveCrossedCall(adaCallsBob, "bob", "ada", T0 + 200)).toMatchObject({
      status: "accepted",
      acceptedAt: T0 + 200,
    });
    expect(resolveCrossedCall(adaCallsBob, "bob", "carol", T0 + 200)).toBeNull();
    expect(resolveCrossedCall(adaCallsBob, "carol", "ada", T0 + 200)).toBeNull();
    expect(
      resolveCrossedCall(transition(adaCallsBob, { type: "decline", by: "bob" }, T0 + 1), "bob", "ada", T0 + 200),
    ).toBeNull();
  });
});
