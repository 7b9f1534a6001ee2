import { describe, expect, it } from "vitest";
import { ringingText, RoomEventsStore, type RoomRingingEvent } from "./room-events";
import {
  accessEndedNote,
  accessWarningText,
  kindLabel,
  meetingTimeText,
  peopleText,
  recordingText,
  roleText,
  withWhom,
} from "./room-labels";

const caller = { id: "u1", username: "ada", displayName: "Ada Lovelace", avatarUrl: null };
const ring = (kind: RoomRingingEvent["room"]["kind"], id = "r1"): RoomRingingEvent => ({
  type: "room.ringing",
  room: { id, kind, title: "Book club", conversationId: kind === "GROUP" ? "c1" : null },
  caller,
});

describe("room labels", () => {
  it("words rings by what happened", () => {
    expect(ringingText(ring("GROUP"))).toBe("Ada Lovelace started a group call in Book club");
    expect(ringingText(ring("CALL"))).toBe("Ada Lovelace added you to a call");
    expect(ringingText(ring("MEETING"))).toBe("Ada Lovelace invited you to Book club");
  });

  it("says who may record, E2EE first", () => {
    expect(recordingText({ role: "owner", entry: "direct", mayRecord: false }, true)).toMatch(
      /unavailable while end-to-end encryption/,
    );
    expect(recordingText({ role: "owner", entry: "direct", mayRecord: true }, false)).toBe(
      "You may record this meeting",
    );
    expect(recordingText({ role: "participant", entry: "direct", mayRecord: false }, false)).toBe(
      "Recording isn't available to you",
    );
  });

  it("tells lobby entrants they wait for the host", () => {
    expect(roleText({ role: "participant", entry: "lobby", mayRecord: false }, "PROFILE")).toBe(
      "The host will let you in",
    );
    expect(roleText({ role: "participant", entry: "direct", mayRecord: false }, "PROFILE")).toBe(
      "You can walk straight in",
    );
    expect(roleText({ role: "participant", entry: "direct", mayRecord: false }, "MEETING")).toBe("You are invited");
    expect(roleText({ role: "host", entry: "direct", mayRecord: true }, "GROUP")).toBe("You are a host");
  });

  it("formats a meeting's time on one day and across days", () => {
    expect(meetingTimeText("2026-03-05T14:00:00Z", "2026-03-05T15:00:00Z", "en-GB")).toMatch(/·/);
    expect(meetingTimeText("2026-03-05T14:00:00Z", "2026-03-07T01:00:00Z", "en-GB")).toMatch(/ – /);
    expect(kindLabel("PROFILE")).toBe("Personal room");
    expect(peopleText(1)).toBe("Just you");
    expect(peopleText(3)).toBe("3 people");
  });
});

describe("who a past group call was with", () => {
  it("names up to two people, then counts the rest", () => {
    expect(withWhom([])).toBe("Just you");
    expect(withWhom(["Ada"])).toBe("with Ada");
    expect(withWhom(["Ada", "Grace", "Ada"])).toBe("with Ada and Grace");
    expect(withWhom(["Ada", "Grace", "Alan"])).toBe("with Ada, Grace and 1 other");
    expect(withWhom(["Ada", "Grace", "Alan", "Linus"])).toBe("with Ada, Grace and 2 others");
  });
});

describe("when access to a room ends mid-call", () => {
  it("tells the person why they left", () => {
    expect(accessEndedNote("removed")).toBe("You were removed from the group, so you left its call.");
    expect(accessEndedNote("cancelled")).toBe("The meeting was cancelled.");
    // A block is not announced as one.
    expect(accessEndedNote("blocked")).not.toMatch(/block/i);
  });
  it("tells moderators who may still be there and how to remove them", () => {
    expect(accessWarningText("removed", ["Bob"])).toBe(
      "Bob was removed from the group. Hearth asked their app to leave; if they are still here, remove them in the call (their tile's ⋯ menu → Kick out).",
    );
    expect(accessWarningText("blocked", ["Bob", "Cara", "Dan"])).toMatch(
      /^Bob, Cara and Dan no longer have access\. Hearth asked their apps to leave; if anyone is still here/,
    );
  });
  it("passes a room's access events to whoever listens, until they stop", () => {
    const store = new RoomEventsStore();
    const heard: string[] = [];
    const stop = store.onAccessChange((e) => heard.push(`${e.type}:${e.roomId}`));
    store.handle({ type: "room.access-ended", roomId: "r1", reason: "removed" });
    stop();
    store.handle({ type: "room.access-ended", roomId: "r2", reason: "removed" });
    expect(heard).toEqual(["room.access-ended:r1"]);
  });
});

describe("RoomEventsStore", () => {
  it("rings, except for the room open in this tab, and stops ringing when the call ends", () => {
    const store = new RoomEventsStore();
    store.openRoom("r2");
    store.handle(ring("GROUP", "r2"));
    expect(store.getSnapshot().ringing).toBeNull();
    store.handle(ring("GROUP", "r1"));
    expect(store.getSnapshot().ringing?.room.id).toBe("r1");
    store.handle({ type: "room.live", roomId: "r1", conversationId: "c1", live: true, participantIds: ["u1"] });
    expect(store.liveForConversation("c1")?.participantIds).toEqual(["u1"]);
    store.handle({ type: "room.live", roomId: "r1", conversationId: "c1", live: false, participantIds: [] });
    expect(store.liveForConversation("c1")).toBeNull();
    expect(store.getSnapshot().ringing).toBeNull();
  });

  it("hands moves to whoever registered", () => {
    const store = new RoomEventsStore();
    const moves: string[] = [];
    store.handleMoves((event) => moves.push(event.roomId));
    store.handle({ type: "room.moved", callId: "k1", roomId: "r9" });
    expect(moves).toEqual(["r9"]);
  });
});
