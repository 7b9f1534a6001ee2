import "server-only";
import type { CallStatus as DbCallStatus, Prisma } from "@/generated/prisma/client";
import type { CallView } from "../realtime/events";
import { callDurationSeconds, type CallState, type CallStatus } from "./call-state";
import { formatDuration } from "@/lib/dates";

export const callSelect = {
  id: true,
  conversationId: true,
  callerId: true,
  calleeId: true,
  status: true,
  callerDeviceId: true,
  calleeDeviceId: true,
  missedReason: true,
  createdAt: true,
  acceptedAt: true,
  endedAt: true,
  endedById: true,
} as const satisfies Prisma.CallSelect;
export type CallRow = Prisma.CallGetPayload<{ select: typeof callSelect }>;

export const toStatus = (status: DbCallStatus) => status.toLowerCase() as CallStatus;
export const toDbStatus = (status: CallStatus) => status.toUpperCase() as DbCallStatus;

export function toCallState(row: CallRow): CallState {
  return {
    status: toStatus(row.status),
    callerId: row.callerId,
    calleeId: row.calleeId,
    createdAt: row.createdAt.getTime(),
    acceptedAt: row.acceptedAt?.getTime() ?? null,
    endedAt: row.endedAt?.getTime() ?? null,
    endedBy: row.endedById,
  };
}

export function toCallView(row: CallRow): CallView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    status: toStatus(row.status),
    callerId: row.callerId,
    calleeId: row.calleeId,
    callerDeviceId: row.callerDeviceId,
    calleeDeviceId: row.calleeDeviceId,
    missedReason: row.missedReason === "offline" || row.missedReason === "unavailable" ? row.missedReason : null,
    createdAt: row.createdAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedById: row.endedById,
    durationSeconds: callDurationSeconds(toCallState(row)),
  };
}

/** The line a call leaves in the 1:1 conversation (the client renders it from the call itself; this is for search and previews). */
export function callEntryText(call: CallView): string {
  switch (call.status) {
    case "ended":
      return `Call · ${formatDuration(call.durationSeconds)}`;
    case "missed":
    case "busy":
      return "Missed call";
    case "declined":
      return "Declined call";
    case "cancelled":
      return "Cancelled call";
    case "failed":
      return call.acceptedAt ? `Call · ${formatDuration(call.durationSeconds)} (connection lost)` : "Call failed";
    default:
      return "Call";
  }
}
