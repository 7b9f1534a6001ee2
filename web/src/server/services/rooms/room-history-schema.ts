import "server-only";
import { z } from "zod";
import { AppError } from "../../errors";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");
const page = { cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(50).default(20) };

export const historyPageInput = z.object(page).default({ limit: 20 });
export const roomSessionsInput = z.object({ roomId: id, ...page });
export type HistoryPageInput = z.infer<typeof historyPageInput>;
export type RoomSessionsInput = z.infer<typeof roomSessionsInput>;

const cursorShape = z.tuple([z.iso.datetime(), id]);

/** An opaque cursor: the last session's start and id. */
export const encodeSessionCursor = (s: { startedAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([s.startedAt.toISOString(), s.id])).toString("base64url");

export function decodeSessionCursor(cursor: string): { startedAt: Date; id: string } {
  try {
    const [startedAt, sessionId] = cursorShape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { startedAt: new Date(startedAt), id: sessionId };
  } catch {
    throw new AppError("BAD_REQUEST", "That page cursor is not valid.");
  }
}
