import "server-only";
import {
  answerCall,
  declineCall,
  hangUp,
  keepCallAlive,
  reportCallFailed,
  reportConnection,
} from "../../services/calls/call-actions";
import { activeCall, callHistory } from "../../services/calls/call-queries";
import { getCallSettings, updateCallSettings } from "../../services/calls/call-settings";
import { relaySignal } from "../../services/calls/call-signals";
import { placeCall } from "../../services/calls/place-call";
import {
  acceptCallInput,
  callIdInput,
  callSettingsInput,
  historyInput,
  reportConnectionInput,
  signalInput,
  startCallInput,
} from "../../services/calls/schemas";
import { iceServersForCall } from "../../services/calls/turn-credentials";
import { protectedProcedure, router } from "../trpc";

export const callsRouter = router({
  /**
   * STUN/TURN servers for a call this user is a party of (ringing or going on), with TURN credentials valid for
   * TURN_TTL_SECONDS, and the ICE transport policy ("relay" forces every call through TURN, e.g. in tests).
   */
  iceServers: protectedProcedure
    .input(callIdInput)
    .query(({ ctx, input }) => iceServersForCall(ctx.deps, ctx.user.id, input.callId)),
  /** Calls someone from this device: ringing, or already busy / missed (see placeCall). */
  start: protectedProcedure.input(startCallInput).mutation(({ ctx, input }) => placeCall(ctx.deps, ctx.user.id, input)),
  accept: protectedProcedure
    .input(acceptCallInput)
    .mutation(({ ctx, input }) => answerCall(ctx.deps, ctx.user.id, input)),
  decline: protectedProcedure
    .input(callIdInput)
    .mutation(({ ctx, input }) => declineCall(ctx.deps, ctx.user.id, input.callId)),
  hangUp: protectedProcedure
    .input(callIdInput)
    .mutation(({ ctx, input }) => hangUp(ctx.deps, ctx.user.id, input.callId)),
  /** The device could not (re)connect the media in time. */
  fail: protectedProcedure
    .input(callIdInput)
    .mutation(({ ctx, input }) => reportCallFailed(ctx.deps, ctx.user.id, input.callId)),
  keepAlive: protectedProcedure
    .input(callIdInput)
    .mutation(({ ctx, input }) => keepCallAlive(ctx.deps, ctx.user.id, input.callId)),
  reportConnection: protectedProcedure
    .input(reportConnectionInput)
    .mutation(({ ctx, input }) => reportConnection(ctx.deps, ctx.user.id, input)),
  signal: protectedProcedure.input(signalInput).mutation(({ ctx, input }) => relaySignal(ctx.deps, ctx.user.id, input)),
  /** The call this user is in or being rung for, if any (for a tab opened mid-call). */
  active: protectedProcedure.query(({ ctx }) => activeCall(ctx.deps, ctx.user.id)),
  history: protectedProcedure.input(historyInput).query(({ ctx, input }) => callHistory(ctx.deps, ctx.user.id, input)),
  settings: protectedProcedure.query(({ ctx }) => getCallSettings(ctx.deps, ctx.user.id)),
  updateSettings: protectedProcedure
    .input(callSettingsInput)
    .mutation(({ ctx, input }) => updateCallSettings(ctx.deps, ctx.user.id, input)),
});
