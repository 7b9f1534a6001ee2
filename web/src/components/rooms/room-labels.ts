import type { RoomAccess } from "@/server/services/rooms/room-access";
import type { RoomView } from "@/server/services/rooms/rooms";
import type { RoomAccessEndReason } from "@/server/services/realtime/events";

/** Words for a room's kind, as a small label above its title. */
export function kindLabel(kind: RoomView["kind"]): string {
  switch (kind) {
    case "GROUP":
      return "Group call";
    case "MEETING":
      return "Meeting";
    case "PROFILE":
      return "Personal room";
    case "CALL":
      return "Call";
  }
}

/** "Thu, Mar 5 · 14:00–15:00" (or across days: "Thu, Mar 5, 23:00 – Fri, Mar 6, 01:00"), in the viewer's time zone. */
export function meetingTimeText(startsAt: string, endsAt: string, locale?: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric" };
  const time: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
  if (start.toDateString() === end.toDateString()) {
    return `${start.toLocaleDateString(locale, day)} · ${start.toLocaleTimeString(locale, time)}–${end.toLocaleTimeString(locale, time)}`;
  }
  return `${start.toLocaleString(locale, { ...day, ...time })} – ${end.toLocaleString(locale, { ...day, ...time })}`;
}

/** The viewer's part in the room. */
export function roleText(access: RoomAccess, kind: RoomView["kind"]): string {
  if (access.role === "owner") return "You own this room";
  if (access.role === "host") return "You are a host";
  if (access.entry === "lobby") return "The host will let you in";
  if (kind === "GROUP") return "You are a member of this group";
  return kind === "PROFILE" ? "You can walk straight in" : "You are invited";
}

/** Who may record, from the viewer's side (E2EE wins: Jibri cannot record an encrypted meeting). */
export function recordingText(access: RoomAccess, e2ee: boolean): string {
  if (e2ee) return "Recording is unavailable while end-to-end encryption is on";
  // The admin's policy decides who else may; the viewer only knows about themselves.
  return access.mayRecord ? "You may record this meeting" : "Recording isn't available to you";
}

/** "Just you", "2 people", … for the participant count in the meeting header. */
export function peopleText(count: number): string {
  return count <= 1 ? "Just you" : `${count} people`;
}

/** "with Ada, Grace and 2 others" from the other people in the session. */
export function withWhom(names: string[]): string {
  const unique = [...new Set(names)];
  if (unique.length === 0) return "Just you";
  if (unique.length <= 2) return `with ${unique.join(" and ")}`;
  return `with ${unique.slice(0, 2).join(", ")} and ${unique.length - 2 === 1 ? "1 other" : `${unique.length - 2} others`}`;
}

/** Why this person's meeting page left the call (their access ended while they were in it). */
export function accessEndedNote(reason: RoomAccessEndReason): string {
  switch (reason) {
    case "removed":
      return "You were removed from the group, so you left its call.";
    case "cancelled":
      return "The meeting was cancelled.";
    case "blocked":
      return "You can no longer take part in this call.";
  }
}

/** For moderators: who lost access but may still be in the call, and what to do about it. */
export function accessWarningText(reason: RoomAccessEndReason, names: string[]): string {
  const who = names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const verb = names.length === 1 ? "was" : "were";
  const what =
    reason === "removed" ? `${verb} removed from the group` : `no longer ${names.length === 1 ? "has" : "have"} access`;
  return `${who} ${what}. Hearth asked ${names.length === 1 ? "their app" : "their apps"} to leave; if ${names.length === 1 ? "they are" : "anyone is"} still here, remove them in the call (their tile's ⋯ menu → Kick out).`;
}
