/** The one-line reason beside every group-call entry point while the server has no Jitsi (JITSI_DOMAIN unset). */
export const GROUP_CALLS_NEED_JITSI = "Group calls need Jitsi — your admin can set it up.";
