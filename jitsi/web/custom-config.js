// Hearth's overrides for Jitsi Meet's config.js.
//
// docker-jitsi-meet regenerates config.js from its environment on every start and then appends
// /config/custom-config.js (docker/compose.yml mounts this file there), so everything below runs after the
// generated `var config = {...}` and wins. Only settings every room should have live here; per-room and
// admin-chosen defaults (start muted, lobby, who may record) come from Hearth's page as `configOverwrite`.
/* global config */

// The prejoin screen: people check camera and microphone before entering. Hearth already knows their name
// (it is in the token), so the name field is hidden.
config.prejoinConfig = Object.assign({}, config.prejoinConfig, {
  enabled: true,
  hideDisplayName: true,
});

// The lobby is switched on per room by hosts or by Prosody (ENABLE_LOBBY=1 loads it); people the owner must
// approve wait there. Knocking needs a name, which the token provides.
config.lobby = Object.assign({}, config.lobby, { autoKnock: true, enableChat: true });

// Never offer the native apps: the meeting lives inside Hearth's page, and a mobile browser sent to the Jitsi
// app would leave it (and its token) behind.
config.disableDeepLinking = true;

// No requests to third parties from meeting pages: no Gravatar lookups, no analytics, no external
// "call quality" services. Avatars come from Hearth (context.user.avatar in the token).
config.disableThirdPartyRequests = true;
config.analytics = Object.assign({}, config.analytics, { disabled: true });
config.disableInviteFunctions = true; // invitations go through Hearth, which checks who may come
config.enableWelcomePage = false;
config.enableClosePage = false;

// Server-side recording through Jibri (ENABLE_RECORDING=1). Who may start it is decided by the token
// (context.features.recording); Jibri's files go to Hearth, never to a third-party service.
config.recordingService = Object.assign({}, config.recordingService, {
  enabled: true,
  sharingEnabled: false,
});
config.fileRecordingsEnabled = true; // older releases' name for the same switch
config.fileRecordingsServiceEnabled = true;
config.liveStreamingEnabled = false;
config.liveStreaming = Object.assign({}, config.liveStreaming, { enabled: false });
// Local (in-browser) recording would bypass Hearth's consent and storage: off.
config.localRecording = Object.assign({}, config.localRecording, { disable: true });

// Moderator rights come from the token only (token_affiliation on Prosody): the UI follows the roles Prosody
// assigns instead of guessing from who joined first.
config.enableUserRolesBasedOnToken = true;

// Peer-to-peer for two-person rooms: KEPT ON. With two participants the browsers connect to each other
// directly (lower latency, no bridge load), exactly like Hearth's own 1:1 calls; a third participant, or
// Jibri joining to record, moves the call to the videobridge. Both paths use the STUN/TURN servers Prosody
// hands out (XEP-0215 external services: Hearth's coturn, TURN_* in jitsi/jitsi.env), so people behind
// strict NATs are relayed through coturn. `useStunTurn` is the switch for that in the releases that have it.
config.p2p = Object.assign({}, config.p2p, { enabled: true, useStunTurn: true });
config.useStunTurn = true; // the same, for the connection to the videobridge
