import { randomBytes } from "node:crypto";
import type { Role } from "@/generated/prisma/client";
import { createCaller } from "@/server/api/root";
import { createDeps, type Deps } from "@/server/infra/deps";
import { parseEnv } from "@/server/infra/env";
import { hashPassword } from "@/server/services/accounts/password-hash";

let shared: Deps | undefined;

/** Real dependencies against the test database, Redis, S3 and mail queue. */
export function testDeps(): Deps {
  shared ??= createDeps(parseEnv(process.env));
  return shared;
}

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export const unique = (prefix = "u") => `${prefix}${randomBytes(5).toString("hex")}`;
/** A fresh client address, so per-IP limits of one test never affect another. */
export const freshIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

export interface TestUser {
  id: string;
  email: string;
  username: string;
  displayName: string;
}

/** Inserts a user directly (faster than sign-up; sign-up itself has its own tests). */
export async function createUser(
  overrides: Partial<{
    username: string;
    displayName: string;
    role: Role;
    profileVisibility: "EVERYONE" | "FRIENDS_OF_FRIENDS" | "FRIENDS" | "NOBODY";
    friendRequestPolicy: "EVERYONE" | "FRIENDS_OF_FRIENDS" | "FRIENDS" | "NOBODY";
    totpSecret: string;
    totpEnabledAt: Date;
  }> = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = overrides.username ?? unique("user_");
  const { username: _ignored, ...rest } = overrides;
  const user = await testDeps().db.user.create({
    data: {
      email: `${username.toLowerCase()}@example.test`,
      emailVerifiedAt: new Date(),
      username,
      usernameKey: username.toLowerCase(),
      displayName: overrides.displayName ?? `Test ${username}`,
      passwordHash: await passwordHash,
      ...rest,
    },
    select: { id: true, email: true, username: true, displayName: true },
  });
  return user;
}

/** A tRPC caller acting as `user` (or signed out), through the same procedures the HTTP handler serves. */
export function callerFor(user: { id: string; role?: Role; needsTotp?: boolean } | null, ip = freshIp()) {
  return createCaller({
    deps: testDeps(),
    user: user ? { id: user.id, role: user.role ?? "USER", needsTotp: user.needsTotp ?? false } : null,
    ip,
  });
}

export async function makeFriends(a: TestUser, b: TestUser): Promise<void> {
  await testDeps().db.friendship.createMany({
    data: [
      { userId: a.id, friendId: b.id },
      { userId: b.id, friendId: a.id },
    ],
  });
}

/** A snapshot of every social table a user takes part in, to prove a refused call changed nothing. */
export async function socialSnapshot(...userIds: string[]) {
  const db = testDeps().db;
  const inAny = { in: userIds };
  return JSON.stringify(
    await Promise.all([
      db.friendship.findMany({
        where: { OR: [{ userId: inAny }, { friendId: inAny }] },
        orderBy: [{ userId: "asc" }, { friendId: "asc" }],
      }),
      db.friendRequest.findMany({
        where: { OR: [{ senderId: inAny }, { recipientId: inAny }] },
        orderBy: { id: "asc" },
      }),
      db.block.findMany({
        where: { OR: [{ blockerId: inAny }, { blockedId: inAny }] },
        orderBy: [{ blockerId: "asc" }, { blockedId: "asc" }],
      }),
      db.user.findMany({
        where: { id: inAny },
        orderBy: { id: "asc" },
        select: {
          id: true,
          username: true,
          displayName: true,
          bio: true,
          avatarKey: true,
          profileVisibility: true,
          friendRequestPolicy: true,
          callPolicy: true,
          roomPolicy: true,
          passwordHash: true,
          sessionVersion: true,
        },
      }),
    ]),
  );
}
