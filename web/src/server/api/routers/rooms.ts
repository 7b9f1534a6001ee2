import "server-only";
import { joinRoom } from "../../services/rooms/join-room";
import { cancelMeeting, createMeeting, upcomingMeetings } from "../../services/rooms/meetings";
import { addPeopleToCall, startGroupCall } from "../../services/rooms/ring";
import { groupCallState } from "../../services/rooms/room-live";
import { getRoom, groupRoom, profileRoom, reportRoomPresence, setRoomE2ee } from "../../services/rooms/rooms";
import {
  addPeopleInput,
  conversationRoomInput,
  createMeetingInput,
  profileRoomInput,
  roomIdInput,
  roomPresenceInput,
  setE2eeInput,
} from "../../services/rooms/schemas";
import { roomHistory, roomSessions } from "../../services/rooms/room-history";
import { historyPageInput, roomSessionsInput } from "../../services/rooms/room-history-schema";
import { protectedProcedure, router } from "../trpc";

/** Group calls and meeting rooms on Jitsi: who may enter is decided here, and proven to Jitsi with a token. */
export const roomsRouter = router({
  get: protectedProcedure.input(roomIdInput).query(({ ctx, input }) => getRoom(ctx.deps, ctx.user.id, input.roomId)),
  /** The group conversation's room (created on first use). */
  forConversation: protectedProcedure
    .input(conversationRoomInput)
    .mutation(({ ctx, input }) => groupRoom(ctx.deps, ctx.user.id, input.conversationId)),
  /** A person's profile room (created on first use). */
  forProfile: protectedProcedure
    .input(profileRoomInput)
    .mutation(({ ctx, input }) => profileRoom(ctx.deps, ctx.user.id, input.userId)),
  /** A short-lived Jitsi token and the meeting settings, minted on every join and rejoin. */
  join: protectedProcedure
    .input(roomIdInput)
    .mutation(({ ctx, input }) => joinRoom(ctx.deps, ctx.user.id, input.roomId)),
  /** Starts a group call: the group's room, ringing the members who can take it now. */
  startGroupCall: protectedProcedure
    .input(conversationRoomInput)
    .mutation(({ ctx, input }) => startGroupCall(ctx.deps, ctx.user.id, input.conversationId)),
  /** Moves a 1:1 call into a new room with more friends, who ring. */
  addPeopleToCall: protectedProcedure
    .input(addPeopleInput)
    .mutation(({ ctx, input }) => addPeopleToCall(ctx.deps, ctx.user.id, input)),
  /** The meeting page's joined/left (IFrame API events), for "in a call" presence. */
  reportPresence: protectedProcedure
    .input(roomPresenceInput)
    .mutation(({ ctx, input }) => reportRoomPresence(ctx.deps, ctx.user.id, input.roomId, input.joined)),
  /** Whether the group's call is live and who is in it (the "join" banner of a page opened mid-call). */
  groupCallState: protectedProcedure
    .input(conversationRoomInput)
    .query(({ ctx, input }) => groupCallState(ctx.deps, ctx.user.id, input.conversationId)),
  setE2ee: protectedProcedure
    .input(setE2eeInput)
    .mutation(({ ctx, input }) => setRoomE2ee(ctx.deps, ctx.user.id, input.roomId, input.on)),
  createMeeting: protectedProcedure
    .input(createMeetingInput)
    .mutation(({ ctx, input }) => createMeeting(ctx.deps, ctx.user.id, input)),
  upcoming: protectedProcedure.query(({ ctx }) => upcomingMeetings(ctx.deps, ctx.user.id)),
  cancelMeeting: protectedProcedure
    .input(roomIdInput)
    .mutation(({ ctx, input }) => cancelMeeting(ctx.deps, ctx.user.id, input.roomId)),
  /** The caller's own room sessions (from Jitsi's events), newest first. */
  history: protectedProcedure
    .input(historyPageInput)
    .query(({ ctx, input }) => roomHistory(ctx.deps, ctx.user.id, input)),
  /** One room's sessions with everyone's join and leave, for those who may see the room. */
  sessions: protectedProcedure
    .input(roomSessionsInput)
    .query(({ ctx, input }) => roomSessions(ctx.deps, ctx.user.id, input)),
});
