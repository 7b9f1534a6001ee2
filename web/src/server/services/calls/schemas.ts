import "server-only";
import { z } from "zod";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");
/** A browser tab's random id (generated client-side, kept in sessionStorage). */
export const deviceId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid device id.");

export const startCallInput = z.object({ calleeId: id, deviceId });
export const acceptCallInput = z.object({ callId: id, deviceId });
export const callIdInput = z.object({ callId: id });
export const reportConnectionInput = z.object({ callId: id, relayed: z.boolean() });

const SDP_MAX = 64 * 1024;
export const callSignal = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("description"),
    description: z.object({ type: z.enum(["offer", "answer"]), sdp: z.string().min(1).max(SDP_MAX) }),
  }),
  z.object({
    kind: z.literal("candidate"),
    candidate: z.object({
      candidate: z.string().max(1024),
      sdpMid: z.string().max(64).nullable(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
      usernameFragment: z.string().max(256).nullable(),
    }),
  }),
  z.object({ kind: z.literal("media"), audio: z.boolean(), video: z.boolean(), screen: z.boolean() }),
  z.object({ kind: z.literal("recording"), state: z.enum(["requested", "shown", "stopped"]) }),
]);
export const signalInput = z.object({ callId: id, deviceId, signal: callSignal });

export const historyInput = z.object({ cursor: id.optional(), limit: z.number().int().min(1).max(50).default(20) });

const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 - 1);
const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Not a time zone.");
export const callSettingsInput = z.object({
  /** ISO time until which calls do not ring; null turns do-not-disturb off. */
  doNotDisturbUntil: z.iso.datetime({ offset: true }).nullable(),
  quietHours: z
    .object({ start: minuteOfDay, end: minuteOfDay })
    .refine((q) => q.start !== q.end, "Quiet hours must start and end at different times.")
    .nullable(),
  timeZone,
});
export type CallSettingsInput = z.infer<typeof callSettingsInput>;
