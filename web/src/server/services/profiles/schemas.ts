import "server-only";
import { z } from "zod";
import { BIO_MAX_CHARS } from "@/lib/text-limits";
import { displayNameSchema, usernameSchema } from "../accounts/schemas";

export const audienceSchema = z.enum(["EVERYONE", "FRIENDS_OF_FRIENDS", "FRIENDS", "NOBODY"]);

export const updateProfileInput = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  bio: z.string().trim().max(BIO_MAX_CHARS, `Bios have at most ${BIO_MAX_CHARS} characters.`),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const privacyInput = z.object({
  profileVisibility: audienceSchema,
  friendRequestPolicy: audienceSchema,
  callPolicy: audienceSchema,
  /** Who walks straight into my profile room (others who may see my profile knock and wait in its lobby). */
  roomPolicy: audienceSchema,
});
export type PrivacyInput = z.infer<typeof privacyInput>;

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;

export const avatarUploadInput = z.object({
  contentType: z.enum(AVATAR_TYPES, "Avatars must be JPEG, PNG, WebP or GIF images."),
  size: z.number().int().positive().max(AVATAR_MAX_BYTES, "Avatars can be at most 5 MB."),
});
