import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * The payloads jitsi-contrib's event_sync component POSTs (prosody-plugins, event_sync/mod_event_sync_component.lua).
 * What its source really sends, beyond its README:
 *  - event_name is Prosody's hook name: "muc-room-created", "muc-room-destroyed", "muc-occupant-joined", "muc-occupant-left".
 *  - Timestamps are os.time(): whole unix seconds. Occupant events carry no created_at, only the occupant's times.
 *  - Fields that are nil in Lua are absent (name/email/id without a token, left_at before leaving,
 *    breakout_room_id outside breakouts); Prosody's util.json encodes an empty table as {}, so a room destroyed
 *    with nobody ever in it sends "all_occupants": {}.
 *  - room_name/room_jid come from a hook that only runs for rooms created after the module loaded, hence required.
 */
export const JITSI_EVENT_PATHS = {
  "room/created": "muc-room-created",
  "room/destroyed": "muc-room-destroyed",
  "occupant/joined": "muc-occupant-joined",
  "occupant/left": "muc-occupant-left",
} as const;
export type JitsiEventPath = keyof typeof JITSI_EVENT_PATHS;

// Upper bound well past any real date in seconds, so milliseconds are refused rather than read as the far future.
const unixSeconds = z
  .number()
  .int("must be whole unix seconds")
  .min(0)
  .max(4_102_444_800, "must be unix seconds, not milliseconds");
const text = (max: number) => z.string().max(max).nullish();

const occupant = z.object({
  occupant_jid: z.string().min(1).max(512),
  joined_at: unixSeconds,
  left_at: unixSeconds.nullish(),
  name: text(200),
  email: text(320),
  id: text(200),
});
export type JitsiOccupant = z.infer<typeof occupant>;

const common = {
  room_name: z.string().min(1).max(256),
  room_jid: z.string().min(1).max(512),
  is_breakout: z.boolean().default(false),
  breakout_room_id: z.string().max(256).nullish(),
};

const roomCreated = z.object({ event_name: z.literal("muc-room-created"), ...common, created_at: unixSeconds });
const roomDestroyed = z.object({
  event_name: z.literal("muc-room-destroyed"),
  ...common,
  created_at: unixSeconds,
  destroyed_at: unixSeconds,
  all_occupants: z
    .union([
      z.array(occupant).max(10_000),
      z
        .object({})
        .strict()
        .transform((): JitsiOccupant[] => []),
    ])
    .default([]),
});
const occupantJoined = z.object({
  event_name: z.literal("muc-occupant-joined"),
  ...common,
  active_occupants_count: z.number().int().min(0).optional(),
  occupant,
});
const occupantLeft = z.object({
  event_name: z.literal("muc-occupant-left"),
  ...common,
  active_occupants_count: z.number().int().min(0).optional(),
  occupant: occupant.extend({ left_at: unixSeconds }),
});

const schemas = {
  "muc-room-created": roomCreated,
  "muc-room-destroyed": roomDestroyed,
  "muc-occupant-joined": occupantJoined,
  "muc-occupant-left": occupantLeft,
} as const;

export type JitsiEvent =
  | z.infer<typeof roomCreated>
  | z.infer<typeof roomDestroyed>
  | z.infer<typeof occupantJoined>
  | z.infer<typeof occupantLeft>;

export const isJitsiEventPath = (path: string): path is JitsiEventPath => Object.hasOwn(JITSI_EVENT_PATHS, path);

/** Validates a payload against the schema its URL names; the error lists each field's problem, also by field path. */
export function parseJitsiEvent(
  path: JitsiEventPath,
  body: unknown,
): { ok: true; event: JitsiEvent } | { ok: false; error: string; fieldErrors: Record<string, string[]> } {
  const result = schemas[JITSI_EVENT_PATHS[path]].safeParse(body);
  if (result.success) return { ok: true, event: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[issue.path.join(".") || "body"] ??= []).push(issue.message);
  const problems = Object.entries(fieldErrors).flatMap(([field, messages]) =>
    messages.map((message) => `${field}: ${message}`),
  );
  return { ok: false, error: `Invalid ${JITSI_EVENT_PATHS[path]} payload: ${problems.join("; ")}`, fieldErrors };
}

/**
 * One key per real event, the same on every retry of it: the fields that tell events apart, hashed to a fixed
 * length. A room's instance is its jid and created_at; an occupant's stay is its jid and joined_at.
 */
export function deliveryKey(event: JitsiEvent): string {
  const parts: (string | number | null | undefined)[] = [event.event_name, event.room_jid, event.breakout_room_id];
  switch (event.event_name) {
    case "muc-room-created":
      parts.push(event.created_at);
      break;
    case "muc-room-destroyed":
      parts.push(event.created_at, event.destroyed_at);
      break;
    case "muc-occupant-joined":
      parts.push(event.occupant.occupant_jid, event.occupant.joined_at);
      break;
    case "muc-occupant-left":
      parts.push(event.occupant.occupant_jid, event.occupant.joined_at, event.occupant.left_at);
      break;
  }
  return `jitsi:${createHash("sha256").update(JSON.stringify(parts)).digest("hex")}`;
}
