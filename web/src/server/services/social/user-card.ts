import "server-only";
import { createHash } from "node:crypto";

/** The public face of a user, as lists and cards show it. */
export interface UserCard {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

export const userCardSelect = { id: true, username: true, displayName: true, avatarKey: true } as const;

export function toUserCard(user: {
  id: string;
  username: string;
  displayName: string;
  avatarKey: string | null;
}): UserCard {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: avatarUrl(user.id, user.avatarKey),
  };
}

/** Served by /api/avatars/[userId]; the version changes with the image so browsers can cache it for good. */
export function avatarUrl(userId: string, avatarKey: string | null): string | null {
  return versionedImageUrl(`/api/avatars/${userId}`, avatarKey);
}

/** `path?v=<hash of the storage key>`, or null without an image: a new image gets a new URL, so caches can keep it forever. */
export function versionedImageUrl(path: string, storageKey: string | null): string | null {
  if (!storageKey) return null;
  return `${path}?v=${createHash("sha256").update(storageKey).digest("hex").slice(0, 12)}`;
}
