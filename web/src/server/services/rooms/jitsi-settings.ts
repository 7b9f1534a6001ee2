import "server-only";
import type { RecordingPolicy } from "@/generated/prisma/client";
import type { Deps } from "../../infra/deps";
import { audit } from "../accounts/audit";

export interface JitsiDefaults {
  startAudioMuted: boolean;
  startVideoMuted: boolean;
  lobbyEnabled: boolean;
  maxParticipants: number;
  recordingPolicy: RecordingPolicy;
}

const select = {
  startAudioMuted: true,
  startVideoMuted: true,
  lobbyEnabled: true,
  maxParticipants: true,
  recordingPolicy: true,
} as const;

/** The admin's Jitsi defaults (the single settings row, created with the schema defaults on first read). */
export async function getJitsiDefaults(deps: Pick<Deps, "db">): Promise<JitsiDefaults> {
  // Read first: every join reads this, and an upsert would be a write each time.
  return (
    (await deps.db.jitsiSettings.findUnique({ where: { id: 1 }, select })) ??
    deps.db.jitsiSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {}, select })
  );
}

/** Changes the defaults and records who changed what (before → after) in the audit log. */
export async function updateJitsiDefaults(
  deps: Pick<Deps, "db">,
  adminId: string,
  changes: Partial<JitsiDefaults>,
  ip: string | null,
): Promise<JitsiDefaults> {
  const before = await getJitsiDefaults(deps);
  const after = await deps.db.jitsiSettings.update({
    where: { id: 1 },
    data: { ...changes, updatedById: adminId },
    select,
  });
  const changed = (Object.keys(changes) as (keyof JitsiDefaults)[]).filter((key) => before[key] !== after[key]);
  if (changed.length) {
    await audit(deps.db, "admin.jitsi-settings-changed", {
      userId: adminId,
      ip,
      detail: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])),
    });
  }
  return after;
}

/**
 * The meeting page's configOverwrite for Jitsi's config.js, from the admin defaults and the room. Only options the
 * IFrame API accepts in configOverwrite; names as in jitsi-meet's config.js.
 */
export function jitsiConfigOverwrite(defaults: JitsiDefaults, room: { lobby: boolean; mayRecord: boolean }) {
  return {
    startWithAudioMuted: defaults.startAudioMuted,
    startWithVideoMuted: defaults.startVideoMuted,
    prejoinConfig: { enabled: true },
    disableDeepLinking: true,
    // Hearth's own pages say who is there and link back; Jitsi's invite and calendar features would leak room names.
    disableInviteFunctions: true,
    enableLobbyChat: room.lobby,
    // Hidden for those the token does not grant recording (Jibri also checks the token's features).
    fileRecordingsEnabled: room.mayRecord,
    localRecording: { disable: true },
    hideRecordingLabel: false,
  };
}
