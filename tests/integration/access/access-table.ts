/**
 * Who may call each tRPC procedure and each route handler, and the test that proves everyone else is refused.
 * tests/integration/access-matrix.test.ts walks the real router and app/api folder and fails on any procedure or
 * route missing here, any entry left here after its procedure went, and any `refusedBy` naming a test that does
 * not exist (or, for a procedure, a test that never calls it).
 *
 * `refusedBy` is "<file in tests/integration> › <describe> › … › <test name>", exactly as vitest prints it.
 */

/**
 * - public: anyone, signed in or not (say why in `reason`).
 * - signed-in: any signed-in person, acting on their own things or on people whose privacy settings allow it.
 * - party: the two people of a 1:1 call.
 * - member: the members of a conversation (or those a room admits).
 * - owner: the one person (or the hosts) who own the thing: a meeting, a room's settings, a push subscription.
 * - admin: role ADMIN with two-factor on.
 * - webhook-signed: a server holding the shared secret (no user session).
 */
export type Access = "public" | "signed-in" | "party" | "member" | "owner" | "admin" | "webhook-signed";

export type AccessEntry =
  | { access: "public"; reason: string; refusedBy?: string }
  | {
      access: Exclude<Access, "public">;
      refusedBy: string;
      /** A securityProcedure: an admin who has not turned on 2FA yet may call it (to enrol, or to sign out). */
      beforeTwoFactor?: true;
    };

/** The matrix's own test: every procedure that is not public, called signed out through the real route. */
export const SIGNED_OUT_REFUSED =
  "access-matrix.test.ts › procedures › every procedure that is not public refuses a signed-out caller through the real route: 401, never a 500, nothing changed";

const chatOutsiders = "chat.test.ts › outsiders › get NOT_FOUND from every conversation procedure and change nothing";
const callOutsiders =
  "calls.test.ts › 1:1 calls › keeps everyone else out of a call: NOT_FOUND for every procedure, and nothing changes";
const groupRoomOutsiders =
  "rooms.test.ts › rooms and Jitsi tokens › a group's room: members get a token for exactly that room; admins are moderators; outsiders get NOT_FOUND and no token";
const profileAccess = (name: string) =>
  `profiles.test.ts › access › ${name} is UNAUTHORIZED signed out and FORBIDDEN to an admin without 2FA`;
const friendsAccess = (name: string) =>
  `friends.test.ts › access › ${name} is UNAUTHORIZED signed out and FORBIDDEN to an admin without 2FA`;
const othersRequests =
  "friends.test.ts › sending and answering friend requests › treats someone else's request as not found for cancel, accept and decline, and changes nothing";
const notificationOwner =
  "notifications.test.ts › the notification centre › marks one or all read, and belongs to its owner only";
const pushOwner =
  "push.test.ts › Web Push › lets only the owner unsubscribe, refuses malformed subscriptions, and needs sign-in";
const meetings =
  "rooms.test.ts › rooms and Jitsi tokens › meetings: friends only as invitees; invitees enter until the invitation expires; a cancelled meeting admits nobody";
const roomHistory =
  "jitsi-events.test.ts › room history › rooms.history: each person's own sessions with their time and the others; rooms.sessions: for those who may see the room, NOT_FOUND for others";
const outsiders = (name: string) => `outsiders.test.ts › ${name}`;

export const procedureAccess: Record<string, AccessEntry> = {
  "account.signUp": {
    access: "public",
    reason: "creating an account is what a signed-out visitor does (limited per IP)",
  },
  "account.verifyEmail": {
    access: "public",
    reason: "the emailed link proves the address; it may be opened signed out",
  },
  "account.requestPasswordReset": {
    access: "public",
    reason: "someone who forgot the password is signed out (answers the same for unknown addresses, limited)",
  },
  "account.resetPassword": { access: "public", reason: "the emailed single-use token is the credential" },
  "account.resendVerification": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },
  "account.changePassword": {
    access: "signed-in",
    refusedBy: "accounts.test.ts › changing the password › is refused to signed-out callers",
    beforeTwoFactor: true,
  },
  "account.signOutEverywhere": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },
  "account.me": {
    access: "signed-in",
    refusedBy: "accounts.test.ts › changing the password › is refused to signed-out callers",
    beforeTwoFactor: true,
  },
  "account.beginTotp": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },
  "account.confirmTotp": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },
  "account.disableTotp": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },
  "account.regenerateRecoveryCodes": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },
  "account.dataExport": {
    access: "owner",
    refusedBy:
      "privacy.test.ts › download my data › is the owner's alone: anyone else gets NOT_FOUND and sees no export of theirs",
    beforeTwoFactor: true,
  },
  "account.requestExport": {
    access: "signed-in",
    refusedBy:
      "privacy.test.ts › download my data › is the owner's alone: anyone else gets NOT_FOUND and sees no export of theirs",
    beforeTwoFactor: true,
  },
  "account.requestDeletion": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },
  "account.cancelDeletion": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED, beforeTwoFactor: true },

  "profile.byUsername": {
    access: "signed-in",
    refusedBy:
      "profiles.test.ts › profile.byUsername › answers blocked profiles (either way) and hidden ones exactly as a name that does not exist",
  },
  "profile.update": { access: "signed-in", refusedBy: profileAccess("update") },
  "profile.updatePrivacy": { access: "signed-in", refusedBy: profileAccess("updatePrivacy") },
  "profile.createAvatarUpload": { access: "signed-in", refusedBy: profileAccess("createAvatarUpload") },
  "profile.confirmAvatar": {
    access: "owner",
    refusedBy:
      "profiles.test.ts › avatars › refuses to confirm another user's upload (also through '..'), leaving both users and the upload untouched",
  },
  "profile.removeAvatar": { access: "signed-in", refusedBy: profileAccess("removeAvatar") },

  "friends.list": { access: "signed-in", refusedBy: friendsAccess("list") },
  "friends.requests": { access: "signed-in", refusedBy: friendsAccess("requests") },
  "friends.sendRequest": {
    access: "signed-in",
    refusedBy:
      "friends.test.ts › who may send a friend request › NOBODY (with a profile only friends may see): a stranger gets the same NOT_FOUND as for an unknown id",
  },
  "friends.cancelRequest": { access: "owner", refusedBy: othersRequests },
  "friends.acceptRequest": { access: "owner", refusedBy: othersRequests },
  "friends.declineRequest": { access: "owner", refusedBy: othersRequests },
  "friends.unfriend": {
    access: "signed-in",
    refusedBy:
      "friends.test.ts › unfriending › answers unfriending a non-friend or an unknown id with NOT_FOUND and leaves other friendships alone",
  },
  "friends.block": {
    access: "signed-in",
    refusedBy: "friends.test.ts › blocking › refuses blocking yourself (BAD_REQUEST) or an unknown id (NOT_FOUND)",
  },
  "friends.unblock": {
    access: "owner",
    refusedBy:
      "friends.test.ts › blocking › unblocks only the caller's own block; anything else is NOT_FOUND and changes nothing",
  },
  "friends.blocked": { access: "signed-in", refusedBy: friendsAccess("blocked") },

  "search.users": {
    access: "signed-in",
    refusedBy: "search.test.ts › access › is UNAUTHORIZED signed out and FORBIDDEN to an admin without 2FA",
  },

  "chat.conversations": {
    access: "signed-in",
    refusedBy: "chat.test.ts › outsiders › signed-out callers are UNAUTHORIZED",
  },
  "chat.conversation": { access: "member", refusedBy: chatOutsiders },
  "chat.openDirect": {
    access: "signed-in",
    refusedBy:
      "chat.test.ts › 1:1 conversations › can be opened with a stranger whose profile is visible, not with a hidden or blocked one",
  },
  "chat.createGroup": {
    access: "signed-in",
    refusedBy: "chat.test.ts › groups › are created with friends only, the creator as admin, and list the members",
  },
  "chat.history": { access: "member", refusedBy: chatOutsiders },
  "chat.send": { access: "member", refusedBy: chatOutsiders },
  "chat.edit": { access: "owner", refusedBy: chatOutsiders },
  "chat.delete": { access: "owner", refusedBy: chatOutsiders },
  "chat.createAttachmentUpload": { access: "member", refusedBy: chatOutsiders },
  "chat.react": { access: "member", refusedBy: chatOutsiders },
  "chat.markRead": { access: "member", refusedBy: chatOutsiders },
  "chat.addMembers": { access: "member", refusedBy: chatOutsiders },
  "chat.removeMember": { access: "member", refusedBy: chatOutsiders },
  "chat.leave": { access: "member", refusedBy: chatOutsiders },
  "chat.rename": { access: "member", refusedBy: chatOutsiders },
  "chat.setAvatar": { access: "member", refusedBy: chatOutsiders },
  "chat.search": {
    access: "member",
    refusedBy: outsiders("chat.search › with another conversation's id is NOT_FOUND and finds nothing of it"),
  },
  "chat.typing": { access: "member", refusedBy: chatOutsiders },
  "chat.setPreferences": { access: "member", refusedBy: chatOutsiders },

  "events.stream": {
    access: "signed-in",
    refusedBy: "realtime.test.ts › two web server processes › refuse a stream to a signed-out caller",
    beforeTwoFactor: true,
  },

  "presence.friends": {
    access: "signed-in",
    refusedBy: "presence.test.ts › presence › is not visible to people who are not friends",
  },
  "presence.setAway": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED },

  "notifications.list": {
    access: "signed-in",
    refusedBy: outsiders("notifications.list › with another person's notification as the cursor is NOT_FOUND"),
  },
  "notifications.unreadCount": { access: "signed-in", refusedBy: notificationOwner },
  "notifications.markRead": { access: "owner", refusedBy: notificationOwner },
  "notifications.updateSettings": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED },
  "notifications.viewing": {
    access: "member",
    refusedBy: "notifications.test.ts › the notification centre › refuses bad input and outsiders",
  },

  "push.publicKey": {
    access: "public",
    reason: "the VAPID public key is public by design: browsers need it before subscribing",
  },
  "push.subscribe": { access: "signed-in", refusedBy: pushOwner },
  "push.unsubscribe": { access: "owner", refusedBy: pushOwner },

  "calls.iceServers": {
    access: "party",
    refusedBy:
      "turn.test.ts › TURN credentials against the real coturn › are minted only for a party of a ringing or accepted call, valid at most 10 minutes, and work on coturn",
  },
  "calls.start": {
    access: "signed-in",
    refusedBy:
      "calls.test.ts › 1:1 calls › follows the callee's 'who may call me' setting and blocks (NOT_FOUND, nothing recorded)",
  },
  "calls.accept": { access: "party", refusedBy: callOutsiders },
  "calls.decline": { access: "party", refusedBy: callOutsiders },
  "calls.hangUp": { access: "party", refusedBy: callOutsiders },
  "calls.fail": { access: "party", refusedBy: callOutsiders },
  "calls.keepAlive": { access: "party", refusedBy: callOutsiders },
  "calls.reportConnection": { access: "party", refusedBy: callOutsiders },
  "calls.signal": { access: "party", refusedBy: callOutsiders },
  "calls.active": { access: "signed-in", refusedBy: callOutsiders },
  "calls.history": {
    access: "signed-in",
    refusedBy: outsiders("calls.history › with another person's call as the cursor is NOT_FOUND"),
  },
  "calls.settings": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED },
  "calls.updateSettings": { access: "signed-in", refusedBy: SIGNED_OUT_REFUSED },

  "rooms.get": { access: "member", refusedBy: groupRoomOutsiders },
  "rooms.forConversation": { access: "member", refusedBy: groupRoomOutsiders },
  "rooms.forProfile": {
    access: "signed-in",
    refusedBy:
      "rooms.test.ts › rooms and Jitsi tokens › a profile room follows the owner's room setting: friends walk in, friends of friends knock, strangers and blocked people are refused",
  },
  "rooms.join": { access: "member", refusedBy: groupRoomOutsiders },
  "rooms.startGroupCall": {
    access: "member",
    refusedBy: "room-ringing.test.ts › group calls ring › only members may start a group call",
  },
  "rooms.addPeopleToCall": {
    access: "party",
    refusedBy:
      "room-ringing.test.ts › adding people to a 1:1 call › refuses outsiders, calls not in progress, and people who are not friends",
  },
  "rooms.reportPresence": {
    access: "member",
    refusedBy:
      "rooms.test.ts › rooms and Jitsi tokens › the meeting page's joined/left sets 'in a call' for friends; outsiders cannot report presence in a room",
  },
  "rooms.groupCallState": {
    access: "member",
    refusedBy:
      "rooms.test.ts › rooms and Jitsi tokens › a group's call state for a page opened mid-call: live and who is in, for members only",
  },
  "rooms.setE2ee": {
    access: "owner",
    refusedBy: outsiders("rooms › setE2ee by someone outside the group is NOT_FOUND and leaves encryption as it was"),
  },
  "rooms.createMeeting": { access: "signed-in", refusedBy: meetings },
  "rooms.upcoming": { access: "signed-in", refusedBy: meetings },
  "rooms.cancelMeeting": {
    access: "owner",
    refusedBy: outsiders("rooms › cancelMeeting by someone not invited is NOT_FOUND and the meeting stands"),
  },
  "rooms.history": { access: "signed-in", refusedBy: roomHistory },
  "rooms.sessions": { access: "member", refusedBy: roomHistory },

  "admin.jitsiDefaults": {
    access: "admin",
    refusedBy: outsiders(
      "admin.jitsiDefaults › is FORBIDDEN to a user who is not an admin and to an admin without 2FA",
    ),
  },
  "admin.updateJitsiDefaults": {
    access: "admin",
    refusedBy:
      "rooms.test.ts › rooms and Jitsi tokens › admins set the Jitsi defaults (audited); they feed tokens and configOverwrite; others are refused",
  },

  "legal.document": {
    access: "public",
    reason: "the privacy policy and terms are for everyone, above all people deciding whether to sign up",
  },
  "legal.update": {
    access: "admin",
    refusedBy:
      "legal.test.ts › the privacy policy and terms › legal.update is refused to anyone but an admin with 2FA, and nothing is stored",
  },
};

export const routeAccess: Record<string, AccessEntry> = {
  "GET /api/trpc/[trpc]": {
    access: "public",
    reason:
      "the tRPC transport: each procedure authorises itself (rows above), and the matrix calls every one through it signed out",
    refusedBy: SIGNED_OUT_REFUSED,
  },
  "POST /api/trpc/[trpc]": {
    access: "public",
    reason: "the tRPC transport, as for GET",
    refusedBy: SIGNED_OUT_REFUSED,
  },
  "GET /api/auth/[...nextauth]": {
    access: "public",
    reason:
      "Auth.js's own endpoints (sign-in page data, session, CSRF token, OAuth callbacks) serve signed-out visitors",
  },
  "POST /api/auth/[...nextauth]": {
    access: "public",
    reason: "Auth.js's sign-in and sign-out forms, checked by Auth.js's CSRF token and the credentials provider",
  },
  "POST /api/jitsi/events/[...event]": {
    access: "webhook-signed",
    refusedBy:
      "jitsi-events.test.ts › the Jitsi event webhook › refuses a wrong or missing secret with 401 and the same words for each, records nothing; a malformed payload is 400 saying what is wrong",
  },
  "GET /api/exports/[exportId]": {
    access: "owner",
    refusedBy: outsiders(
      "route handlers › GET /api/exports/[exportId] redirects the owner to their archive and answers anyone else 404",
    ),
  },
  "GET /api/attachments/[attachmentId]": {
    access: "member",
    refusedBy: outsiders(
      "route handlers › GET /api/attachments/[attachmentId] redirects a member to the file and answers anyone else 404",
    ),
  },
  "GET /api/avatars/[userId]": {
    access: "signed-in",
    refusedBy: outsiders(
      "route handlers › GET /api/avatars/[userId] serves the picture, but 404 to a viewer the user blocked (and to the signed out)",
    ),
  },
  "GET /api/conversations/[conversationId]/avatar": {
    access: "member",
    refusedBy: outsiders(
      "route handlers › GET /api/conversations/[conversationId]/avatar serves members only: 404 to anyone else",
    ),
  },
  "GET /api/rooms/[roomId]/ics": {
    access: "member",
    refusedBy: outsiders(
      "route handlers › GET /api/rooms/[roomId]/ics gives the meeting to its invitees only: 404 to anyone else",
    ),
  },
};
