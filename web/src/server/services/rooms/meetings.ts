import "server-only";
import ical, { ICalCalendarMethod } from "ical-generator";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { notify } from "../notifications/notifications";
import { getRoom, newJitsiRoomName, type RoomView } from "./rooms";
import { roomAudience } from "./jitsi-events-effects";
import { requireGroupCalls } from "./jitsi-availability";
import { announceRoomAccessEnded } from "./room-access-ended";
import { CONTROL, CONTROL_BUT_LINES } from "./schemas";

/** Invitations admit from creation until an hour after the meeting's planned end. */
export const INVITE_GRACE_MS = 3600_000;

/**
 * Schedules a meeting. Invitees and hosts must be the owner's friends (as for groups); hosts are invited too.
 * Everyone invited is notified (notification centre and Web Push) and sees it in their meetings list.
 */
export async function createMeeting(
  deps: Deps,
  ownerId: string,
  input: {
    title: string;
    description: string;
    startsAt: string;
    endsAt: string;
    inviteeIds: string[];
    hostIds: string[];
  },
): Promise<RoomView> {
  requireGroupCalls(deps.env);
  const hostIds = [...new Set(input.hostIds.filter((id) => id !== ownerId))];
  const inviteeIds = [...new Set([...input.inviteeIds, ...hostIds].filter((id) => id !== ownerId))];
  const friends = await deps.db.friendship.count({ where: { userId: ownerId, friendId: { in: inviteeIds } } });
  if (friends !== inviteeIds.length)
    throw new AppError("BAD_REQUEST", "You can invite only your friends.", { field: "inviteeIds" });
  await deps.limits.roomsPerUser.consume(ownerId);
  const endsAt = new Date(input.endsAt);
  const expiresAt = new Date(endsAt.getTime() + INVITE_GRACE_MS);
  const room = await deps.db.room.create({
    data: {
      kind: "MEETING",
      jitsiName: newJitsiRoomName(),
      ownerId,
      title: input.title,
      description: input.description,
      startsAt: new Date(input.startsAt),
      endsAt,
      invites: { create: inviteeIds.map((userId) => ({ userId, invitedById: ownerId, expiresAt })) },
      hosts: { create: hostIds.map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
  for (const userId of inviteeIds)
    await notify(deps, { userId, kind: "MEETING_INVITE", actorId: ownerId, roomId: room.id });
  return getRoom(deps, ownerId, room.id);
}

/** Meetings the user owns, hosts or is invited to that have not ended yet, soonest first. */
export async function upcomingMeetings(deps: Deps, userId: string, now = new Date()): Promise<RoomView[]> {
  const rooms = await deps.db.room.findMany({
    where: {
      kind: "MEETING",
      deletedAt: null,
      endsAt: { gt: new Date(now.getTime() - INVITE_GRACE_MS) },
      OR: [
        { ownerId: userId },
        { hosts: { some: { userId } } },
        { invites: { some: { userId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } },
      ],
    },
    orderBy: { startsAt: "asc" },
    take: 100,
    select: { id: true },
  });
  const views = await Promise.allSettled(rooms.map((r) => getRoom(deps, userId, r.id)));
  // A meeting whose owner has since blocked the user is refused by getRoom: it simply drops out of the list.
  return views.flatMap((v) => (v.status === "fulfilled" ? [v.value] : []));
}

/** The owner cancels a meeting: it stops admitting anyone at once. */
export async function cancelMeeting(deps: Deps, userId: string, roomId: string): Promise<void> {
  const view = await getRoom(deps, userId, roomId);
  if (view.kind !== "MEETING") throw new AppError("BAD_REQUEST", "Only scheduled meetings can be cancelled.");
  if (view.access.role !== "owner") throw new AppError("FORBIDDEN", "Only the meeting's owner can cancel it.");
  await deps.db.room.update({ where: { id: roomId }, data: { deletedAt: new Date() } });
  // Everyone who could have been in it (owner, hosts, invitees: the room's audience) and whoever Jitsi says is there.
  const [audience, present] = await Promise.all([
    roomAudience(deps, { id: roomId, kind: view.kind, ownerId: view.owner.id, conversationId: view.conversationId }),
    deps.db.roomParticipant.findMany({
      where: { leftAt: null, userId: { not: null }, session: { roomId, endedAt: null } },
      select: { userId: true },
    }),
  ]);
  await announceRoomAccessEnded(
    deps,
    roomId,
    [...audience, ...present.flatMap((p) => (p.userId ? [p.userId] : []))],
    "cancelled",
  );
}

/**
 * An iCalendar (RFC 5545) event for a meeting, so invitees can add it to their calendars; the link is Hearth's.
 * ical-generator escapes the text, folds lines at 75 octets without splitting a character, and ends lines with CRLF.
 */
export function meetingIcs(view: RoomView, appUrl: string, now = new Date()): string {
  const url = `${appUrl.replace(/\/$/, "")}/rooms/${view.id}`;
  const calendar = ical({
    prodId: { company: "Hearth", product: "Meetings", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    scale: "GREGORIAN",
  });
  calendar.createEvent({
    id: `${view.id}@hearth`,
    stamp: now,
    start: new Date(view.startsAt!),
    end: new Date(view.endsAt!),
    summary: withoutControlCharacters(view.title, CONTROL),
    description: withoutControlCharacters(
      [view.description, `Join: ${url}`].filter(Boolean).join("\n\n"),
      CONTROL_BUT_LINES,
    ),
    url,
    // A parameter value cannot hold a double quote (the library would write \", which calendars misread).
    organizer: {
      name: withoutControlCharacters(view.owner.displayName, CONTROL).replace(/"/g, "'"),
      email: "no-reply@hearth.invalid",
    },
  });
  // RFC 5545's grammar ends the object with CRLF too; the library leaves the last line bare.
  return `${calendar.toString()}\r\n`;
}

/** Input validation refuses control characters; this keeps any stored before it from ending an .ics line early. */
function withoutControlCharacters(text: string, control: RegExp): string {
  return text.replace(new RegExp(control.source, "g"), " ");
}
