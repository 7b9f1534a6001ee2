import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { avatarUrl } from "../social/user-card";
import { requireGroupCalls } from "./jitsi-availability";
import { jitsiConfigOverwrite } from "./jitsi-settings";
import { jitsiTokenConfig, mintJitsiToken } from "./jitsi-token";
import { requireRoomAccess, type RoomAccess } from "./room-access";

/** Everything the meeting page passes to Jitsi's IFrame API for one join. */
export interface JoinTicket {
  domain: string;
  roomName: string;
  jwt: string;
  expiresAt: number;
  displayName: string;
  access: RoomAccess;
  /** Moderators switch Jitsi's lobby on when they join, so people admitted only by approval wait there. */
  lobby: boolean;
  e2ee: boolean;
  configOverwrite: ReturnType<typeof jitsiConfigOverwrite>;
}

/**
 * A fresh Jitsi token for one person and one room, minted only when they may enter (NOT_FOUND otherwise, and no
 * token). Called on every join and rejoin, so tokens can stay short-lived. A full room (the admin's maximum, counted
 * from the Prosody event webhook) admits only its hosts.
 */
export async function joinRoom(deps: Deps, userId: string, roomId: string): Promise<JoinTicket> {
  requireGroupCalls(deps.env);
  const tokenConfig = jitsiTokenConfig(deps.env);
  if (!tokenConfig || !deps.env.JITSI_DOMAIN)
    throw new AppError("PRECONDITION_FAILED", "Group calls are not set up on this server.");
  const { room, access, defaults } = await requireRoomAccess(deps.db, userId, roomId);
  await deps.limits.roomTokensPerUser.consume(userId);
  if (access.role === "participant") {
    const present = await deps.db.roomParticipant.findMany({
      where: { leftAt: null, session: { roomId, endedAt: null } },
      select: { userId: true },
      distinct: ["userId"],
    });
    const others = present.filter((p) => p.userId !== userId).length;
    if (others >= defaults.maxParticipants)
      throw new AppError("CONFLICT", `This room is full (${defaults.maxParticipants} people).`);
  }
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { displayName: true, avatarKey: true },
  });
  const avatar = avatarUrl(userId, user.avatarKey);
  const lobby = defaults.lobbyEnabled && room.kind === "PROFILE";
  const { token, expiresAt } = await mintJitsiToken(tokenConfig, {
    room: room.jitsiName,
    user: { id: userId, name: user.displayName, avatar: avatar ? new URL(avatar, deps.env.APP_URL).toString() : null },
    moderator: access.role !== "participant",
    lobbyBypass: access.entry === "direct",
    recording: access.mayRecord,
  });
  return {
    domain: deps.env.JITSI_DOMAIN,
    roomName: room.jitsiName,
    jwt: token,
    expiresAt,
    displayName: user.displayName,
    access,
    lobby,
    e2ee: room.e2ee,
    configOverwrite: jitsiConfigOverwrite(defaults, { lobby, mayRecord: access.mayRecord }),
  };
}
