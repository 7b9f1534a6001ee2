import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { meetingIcs } from "./meetings";
import type { RoomView } from "./rooms";
import { CONTROL_BUT_LINES } from "./schemas";

const view: RoomView = {
  id: "room_1",
  kind: "MEETING",
  title: "Plans; dinner, drinks",
  description:
    "Line one\nLine two with a back\\slash and a very long tail that goes on and on so the folded line passes seventy-five octets",
  startsAt: "2026-12-01T18:00:00.000Z",
  endsAt: "2026-12-01T19:30:00.000Z",
  e2ee: false,
  owner: { id: "u1", username: "ada", displayName: "Ada Lovelace", avatarUrl: null },
  conversationId: null,
  access: { role: "owner", entry: "direct", mayRecord: true },
};

/** Reads an .ics back with ical.js (an independent RFC 5545 parser): the calendar and its one event. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  return { calendar, vevent: events[0]!, event: new ICAL.Event(events[0]!) };
}

// RFC 5545 §3.1: a line break followed by one space or tab continues the line before it.
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("meeting calendar files (RFC 5545)", () => {
  const ics = meetingIcs(view, "https://hearth.example/", new Date("2026-11-27T12:00:00Z"));
  const unfolded = unfold(ics);

  it("is one VEVENT with UTC times, Hearth's link, and escaped text", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(unfolded).toContain("\r\nMETHOD:PUBLISH\r\n");
    expect(unfolded).toContain("\r\nPRODID:-//Hearth//Meetings//EN\r\n");
    expect(unfolded).toContain("\r\nDTSTART:20261201T180000Z\r\n");
    expect(unfolded).toContain("\r\nDTEND:20261201T193000Z\r\n");
    expect(unfolded).toContain("\r\nDTSTAMP:20261127T120000Z\r\n");
    expect(unfolded).toContain("\r\nUID:room_1@hearth\r\n");
    expect(unfolded).toContain("\r\nSUMMARY:Plans\\; dinner\\, drinks\r\n");
    expect(unfolded).toMatch(/\r\nURL(;VALUE=URI)?:https:\/\/hearth\.example\/rooms\/room_1\r\n/);
    expect(unfolded).toContain("Line one\\nLine two with a back\\\\slash");
    expect(unfolded).toContain("\\n\\nJoin: https://hearth.example/rooms/room_1");
    expect(unfolded).toContain('\r\nORGANIZER;CN="Ada Lovelace":mailto:no-reply@hearth.invalid\r\n');
    expect(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("keeps the same UID for the same meeting", () => {
    expect(parse(meetingIcs(view, "https://hearth.example", new Date())).event.uid).toBe("room_1@hearth");
  });

  it("parses back to the meeting's title, description, times and link", () => {
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(event.uid).toBe("room_1@hearth");
    expect(event.summary).toBe(view.title);
    expect(event.description).toBe(`${view.description}\n\nJoin: https://hearth.example/rooms/room_1`);
    expect(event.startDate.toJSDate().toISOString()).toBe(view.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(view.endsAt);
    expect(event.startDate.zone?.tzid).toBe("UTC");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://hearth.example/rooms/room_1");
    expect(vevent.getFirstProperty("organizer")?.getParameter("cn")).toBe("Ada Lovelace");
  });

  it("folds lines longer than 75 octets and never splits a character", () => {
    const wide = { ...view, title: "🎉".repeat(40), description: "Crème brûlée à gogo, ça va — ".repeat(12).trim() };
    const folded = meetingIcs(wide, "https://h.example");
    const lines = folded.split("\r\n");
    expect(lines.filter((l) => l.startsWith(" ") || l.startsWith("\t")).length).toBeGreaterThan(4);
    for (const line of lines) {
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
      // A surrogate pair cut in two would not survive a round trip through UTF-8.
      expect(Buffer.from(line, "utf8").toString("utf8")).toBe(line);
    }
    expect(unfold(folded)).toContain(`\r\nSUMMARY:${"🎉".repeat(40)}\r\n`);
    const { event } = parse(folded);
    expect(event.summary).toBe(wide.title);
    expect(event.description).toBe(`${wide.description}\n\nJoin: https://h.example/rooms/room_1`);
  });

  it("writes no control character, even from a meeting stored before they were refused", () => {
    const forged = meetingIcs(
      {
        ...view,
        title: "Plans\r\nATTENDEE:mailto:x@evil.example",
        description: "ok\rSTATUS:CANCELLED\u2028\u0007\tkept\nkept",
        owner: { ...view.owner, displayName: 'Ada "Countess" Lovelace' },
      },
      "https://hearth.example",
    );
    const withoutLineEnds = forged.replace(/\r\n/g, "");
    expect(withoutLineEnds).not.toMatch(/[\r\n]/);
    expect(withoutLineEnds).not.toMatch(CONTROL_BUT_LINES);
    const { vevent, event } = parse(forged);
    expect(vevent.getAllProperties("attendee")).toHaveLength(0);
    expect(vevent.getAllProperties("status")).toHaveLength(0);
    expect(event.summary).toBe("Plans  ATTENDEE:mailto:x@evil.example");
    expect(event.description).toBe("ok STATUS:CANCELLED  \tkept\nkept\n\nJoin: https://hearth.example/rooms/room_1");
    expect(vevent.getFirstProperty("organizer")?.getParameter("cn")).toBe("Ada 'Countess' Lovelace");
  });
});
