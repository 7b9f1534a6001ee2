import "server-only";
import { z } from "zod";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");
export const roomIdInput = z.object({ roomId: id });
export const conversationRoomInput = z.object({ conversationId: id });
export const profileRoomInput = z.object({ userId: id });

export const MEETING_MAX_INVITEES = 99;
// Control characters have no place in a title, and could break the lines of the meeting's .ics; descriptions keep
// line breaks and tabs only.
// (Matching control characters is the point here, hence the lint exception.)
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
export const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
export const createMeetingInput = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "Give the meeting a title.")
      .max(120, "Titles have at most 120 characters.")
      .refine((t) => !CONTROL.test(t), "Titles cannot contain control characters."),
    description: z
      .string()
      .trim()
      .max(2000, "Descriptions have at most 2,000 characters.")
      .refine((d) => !CONTROL_BUT_LINES.test(d), "Descriptions cannot contain control characters.")
      .default(""),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    inviteeIds: z.array(id).max(MEETING_MAX_INVITEES, `Invite at most ${MEETING_MAX_INVITEES} people.`).default([]),
    hostIds: z.array(id).max(20).default([]),
  })
  .refine((m) => new Date(m.endsAt) > new Date(m.startsAt), {
    message: "The meeting must end after it starts.",
    path: ["endsAt"],
  })
  .refine((m) => new Date(m.endsAt).getTime() - new Date(m.startsAt).getTime() <= 24 * 3600_000, {
    message: "Meetings last at most 24 hours.",
    path: ["endsAt"],
  });

export const setE2eeInput = z.object({ roomId: id, on: z.boolean() });

export const jitsiDefaultsInput = z
  .object({
    startAudioMuted: z.boolean(),
    startVideoMuted: z.boolean(),
    lobbyEnabled: z.boolean(),
    maxParticipants: z.number().int().min(2, "At least 2.").max(500, "At most 500."),
    recordingPolicy: z.enum(["NOBODY", "OWNER", "HOSTS", "EVERYONE"]),
  })
  .partial();
export const addPeopleInput = z.object({
  callId: id,
  userIds: z.array(id).min(1, "Choose someone to add.").max(20, "Add at most 20 people."),
});
export const roomPresenceInput = z.object({ roomId: id, joined: z.boolean() });
