import { describe, expect, it } from "vitest";
import { callLabel, type CallSummary } from "@/components/calls/call-label";

const call = (status: CallSummary["status"], durationSeconds = 0): CallSummary => ({
  status,
  callerId: "caller",
  durationSeconds,
});
const asCaller = (c: CallSummary) => callLabel(c, "caller");
const asCallee = (c: CallSummary) => callLabel(c, "callee");

describe("callLabel", () => {
  it("words a call that connected with its direction and length", () => {
    expect(asCaller(call("ended", 252))).toEqual({ text: "Outgoing call · 4:12", outgoing: true, missed: false });
    expect(asCallee(call("ended", 3725))).toEqual({ text: "Incoming call · 1:02:05", outgoing: false, missed: false });
  });

  it("tells the caller there was no answer where the callee missed a call", () => {
    for (const status of ["missed", "busy"] as const) {
      expect(asCaller(call(status))).toMatchObject({ text: "No answer", missed: false });
      expect(asCallee(call(status))).toMatchObject({ text: "Missed call", missed: true });
    }
  });

  it("shows a call the caller cancelled while it rang as missed to the callee", () => {
    expect(asCaller(call("cancelled")).text).toBe("Cancelled call");
    expect(asCallee(call("cancelled"))).toMatchObject({ text: "Missed call", missed: true });
  });

  it("says declined to both, and failed unless the call had connected", () => {
    expect(asCaller(call("declined")).text).toBe("Declined");
    expect(asCallee(call("declined")).text).toBe("Declined");
    expect(asCaller(call("failed")).text).toBe("Call failed");
    expect(asCallee(call("failed", 61)).text).toBe("Incoming call · 1:01 (connection lost)");
  });
});
