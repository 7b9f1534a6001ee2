import { describe, expect, it } from "vitest";
import { meetingIcs } from "./meetings";
import type { RoomView } from "./rooms";

const view: RoomView = {
  id: "room_1",
  kind: "MEETING",
  title: "Plans; dinner, drinks",
  description: "Line one\nLine two with a very long tail that goes on and on so the folded line passes seventy-five octets",
  startsAt: "2026-12-01T18:00:00.000Z",
  endsAt: "2026-12-01T19:30:00.000Z",
  e2ee: false,
  owner: { id: "u1", username: "ada", displayName: "Ada Lovelace", avatarUrl: null },
  conversationId: null,
  access: { role: "owner", entry: "direct", mayRecord: true },
};

describe("meeting calendar files (RFC 5545)", () => {
  const ics = meetingIcs(view, "https://hearth.example/", new Date("2026-11-27T12:00:00Z"));
  const unfolded = ics.replace(/\r\n /g, "");

  it("is one VEVENT with UTC times, Hearth's link, and escaped text", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(unfolded).toContain("\r\nDTSTART:20261201T180000Z\r\n");
    expect(unfolded).toContain("\r\nDTEND:20261201T193000Z\r\n");
    expect(unfolded).toContain("\r\nDTSTAMP:20261127T120000Z\r\n");
    expect(unfolded).toContain("\r\nUID:room_1@hearth\r\n");
    expect(unfolded).toContain("\r\nSUMMARY:Plans\\; dinner\\, drinks\r\n");
    expect(unfolded).toContain("\r\nURL:https://hearth.example/rooms/room_1\r\n");
    expect(unfolded).toContain("Line one\\nLine two");
    expect(unfolded).toContain("\\n\\nJoin: https://hearth.example/rooms/room_1");
    expect(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n")).toBe(true);
  });

  it("folds lines longer than 75 octets and never splits a character", () => {
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const emoji = meetingIcs({ ...view, title: "🎉".repeat(40) }, "https://h.example");
    expect(emoji.replace(/\r\n /g, "")).toContain(`SUMMARY:${"🎉".repeat(40)}`);
  });
});
