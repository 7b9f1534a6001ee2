import { describe, expect, it } from "vitest";
import { deliveryKey, isJitsiEventPath, parseJitsiEvent } from "./jitsi-events-schema";

// event_sync's README examples, as its component sends them.
const occupant = {
  name: "James Barrow",
  email: "j.barrow@domain.com",
  id: "00380324-a840-400d-880f-7ee0933b7556",
  occupant_jid: "catchup@conference.meet.mydomain.com/OWhl8jSh",
  joined_at: 1625823996,
};
const room = { room_name: "catchup", room_jid: "catchup@conference.meet.mydomain.com", is_breakout: false };
const joined = { event_name: "muc-occupant-joined", ...room, active_occupants_count: 4, occupant };
const left = {
  event_name: "muc-occupant-left",
  ...room,
  active_occupants_count: 3,
  occupant: { ...occupant, left_at: 1625824035 },
};
const destroyed = {
  event_name: "muc-room-destroyed",
  ...room,
  created_at: 1625823996,
  destroyed_at: 1625824035,
  all_occupants: [{ ...occupant, left_at: 1625824035 }],
};

const ok = (result: ReturnType<typeof parseJitsiEvent>) => {
  if (!result.ok) throw new Error(result.error);
  return result.event;
};

describe("event_sync payloads", () => {
  it("accepts what event_sync sends, including {} for an empty occupant list and occupants without a token", () => {
    expect(
      ok(parseJitsiEvent("room/created", { event_name: "muc-room-created", ...room, created_at: 1625823996 })),
    ).toMatchObject({ created_at: 1625823996, is_breakout: false });
    expect(ok(parseJitsiEvent("occupant/joined", joined))).toMatchObject({
      occupant: { id: occupant.id, joined_at: 1625823996 },
    });
    expect(ok(parseJitsiEvent("occupant/left", left))).toMatchObject({ occupant: { left_at: 1625824035 } });
    expect(ok(parseJitsiEvent("room/destroyed", { ...destroyed, all_occupants: {} }))).toMatchObject({
      all_occupants: [],
    });
    expect(
      ok(parseJitsiEvent("occupant/joined", { ...joined, occupant: { occupant_jid: "x@y/z", joined_at: 1 } })),
    ).toMatchObject({ occupant: { occupant_jid: "x@y/z" } });
    expect(
      ok(
        parseJitsiEvent("room/created", {
          event_name: "muc-room-created",
          ...room,
          is_breakout: true,
          breakout_room_id: "b1",
          created_at: 1,
        }),
      ),
    ).toMatchObject({ is_breakout: true });
  });

  it("refuses the wrong event for the URL, milliseconds, a left event without left_at, and a non-empty object for the list", () => {
    expect(parseJitsiEvent("occupant/left", joined)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/event_name/),
    });
    expect(
      parseJitsiEvent("occupant/joined", { ...joined, occupant: { ...occupant, joined_at: 1625823996000 } }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/occupant\.joined_at: must be unix seconds/) });
    expect(parseJitsiEvent("occupant/left", { ...left, occupant })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/occupant\.left_at/),
    });
    expect(parseJitsiEvent("room/destroyed", { ...destroyed, all_occupants: { a: 1 } })).toMatchObject({ ok: false });
    expect(isJitsiEventPath("room/created")).toBe(true);
    expect(isJitsiEventPath("toString")).toBe(false);
  });

  it("a delivery key is the same on every retry and differs between events", () => {
    const a = ok(parseJitsiEvent("occupant/joined", joined));
    expect(deliveryKey(a)).toBe(
      deliveryKey(ok(parseJitsiEvent("occupant/joined", { ...joined, active_occupants_count: 9 }))),
    );
    const keys = [
      a,
      ok(parseJitsiEvent("occupant/left", left)),
      ok(parseJitsiEvent("room/destroyed", destroyed)),
      ok(parseJitsiEvent("occupant/joined", { ...joined, occupant: { ...occupant, joined_at: 1625823997 } })),
    ].map(deliveryKey);
    expect(new Set(keys).size).toBe(4);
    expect(keys[0]).toMatch(/^jitsi:[0-9a-f]{64}$/);
  });
});
