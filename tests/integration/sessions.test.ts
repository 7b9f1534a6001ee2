import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { changePassword } from "@/server/services/accounts/change-password";
import { liveSessionUser, revokeSession } from "@/server/services/accounts/session-revocation";
import { nextSessionToken } from "@/server/services/accounts/session-token";
import { loadSessionUser } from "@/server/services/accounts/session-user";
import { signInWithOAuth, type OAuthProfile } from "@/server/services/accounts/oauth-sign-in";
import { callerFor, createUser, TEST_PASSWORD, testDeps, unique } from "../helpers/deps";

const deps = testDeps();

describe("sessions", () => {
  it("stay valid while the session version is unchanged, and carry role and 2FA state", async () => {
    const admin = await createUser({ role: "ADMIN" });
    expect(await loadSessionUser(deps.db, admin.id, 0)).toEqual({
      id: admin.id,
      role: "ADMIN",
      name: admin.displayName,
      email: admin.email,
      needsTotp: true,
    });
  });

  it("end everywhere when the password changes", async () => {
    const user = await createUser();
    expect(await loadSessionUser(deps.db, user.id, 0)).not.toBeNull();
    await callerFor(user).account.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new passphrase",
    });
    expect(await loadSessionUser(deps.db, user.id, 0)).toBeNull();
    expect(await loadSessionUser(deps.db, user.id, 1)).not.toBeNull();
  });

  it("end when the account is gone or the token is malformed", async () => {
    const user = await createUser();
    await deps.db.user.delete({ where: { id: user.id } });
    expect(await loadSessionUser(deps.db, user.id, 0)).toBeNull();
    expect(await loadSessionUser(deps.db, undefined, 0)).toBeNull();
    expect(await loadSessionUser(deps.db, user.id, "0")).toBeNull();
  });
});

// The OAuth provider itself cannot run here; these tests play its part with the profile it would return
// (a test double at the provider's edge) and check what Hearth does with it.
describe("OAuth / OIDC sign-in", () => {
  const profile = (overrides: Partial<OAuthProfile> = {}): OAuthProfile => {
    const login = unique("octo");
    return {
      provider: "github",
      providerAccountId: unique("gh-"),
      email: `${login}@users.example`,
      emailVerified: true,
      name: "Octo Cat",
      login,
      ...overrides,
    };
  };

  it("creates a verified account for a new identity, then signs the same identity into it", async () => {
    const identity = profile();
    const first = await signInWithOAuth(deps, identity);
    const user = await deps.db.user.findUniqueOrThrow({ where: { id: first.id }, include: { accounts: true } });
    expect(user).toMatchObject({
      email: identity.email,
      username: identity.login,
      displayName: "Octo Cat",
      passwordHash: null,
    });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.accounts).toMatchObject([{ provider: "github", providerAccountId: identity.providerAccountId }]);
    expect((await signInWithOAuth(deps, identity)).id).toBe(first.id);
  });

  it("makes a listed ADMIN_EMAILS address admin only when the provider says it is verified", async () => {
    const verified = await signInWithOAuth(deps, profile({ email: "oauth-admin@hearth.test" }));
    expect(verified.role).toBe("ADMIN");
    const before = await deps.db.user.count();
    await expect(
      signInWithOAuth(
        deps,
        profile({ provider: "oidc", email: "unverified-oauth-admin@hearth.test", emailVerified: false }),
      ),
    ).rejects.toThrow(/did not share a verified email/);
    expect(await deps.db.user.count()).toBe(before);
    expect(await deps.db.user.findUnique({ where: { email: "unverified-oauth-admin@hearth.test" } })).toBeNull();
  });

  it("picks a free, valid username when the provider's login is taken or unusable", async () => {
    const taken = await createUser();
    const a = await signInWithOAuth(deps, profile({ login: taken.username }));
    const b = await signInWithOAuth(deps, profile({ login: "a!" }));
    const [ua, ub] = await Promise.all([a, b].map((u) => deps.db.user.findUniqueOrThrow({ where: { id: u.id } })));
    expect(ua!.username).toMatch(new RegExp(`^${taken.username}_[0-9a-f]{4}$`));
    expect(ub!.username).toMatch(/^usera/);
  });

  it("refuses an identity whose email already belongs to an account, and one without a verified email", async () => {
    const existing = await createUser();
    const before = await deps.db.user.count();
    await expect(signInWithOAuth(deps, profile({ email: existing.email.toUpperCase() }))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(signInWithOAuth(deps, profile({ emailVerified: false }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(signInWithOAuth(deps, profile({ email: null }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await deps.db.user.count()).toBe(before);
  });
});

describe("ending sessions", () => {
  const signIn = async () => {
    const user = await createUser();
    const token = (await nextSessionToken(deps, {}, { user: { id: user.id, sessionVersion: 0 } }))!;
    return { user, token };
  };

  it("each sign-in has its own id; signing out ends that session only, on the server", async () => {
    const { user, token: phone } = await signIn();
    const laptop = (await nextSessionToken(deps, {}, { user: { id: user.id, sessionVersion: 0 } }))!;
    expect(phone).toMatchObject({ uid: user.id, sv: 0, sid: expect.any(String), since: expect.any(Number) });
    expect(laptop.sid).not.toBe(phone.sid);
    await revokeSession(deps, phone);
    // The phone's cookie, copied or not, no longer signs anyone in; the laptop carries on.
    expect(await nextSessionToken(deps, { ...phone }, {})).toBeNull();
    expect(await nextSessionToken(deps, { ...laptop }, {})).toMatchObject({ uid: user.id });
    expect(await deps.redis.ttl(`session:revoked:${phone.sid}`)).toBeGreaterThan(0);
  });

  it("'Sign out everywhere' ends every session, the caller's included", async () => {
    const { user, token } = await signIn();
    await callerFor(user).account.signOutEverywhere();
    expect(await nextSessionToken(deps, { ...token }, {})).toBeNull();
    expect(
      await deps.db.auditEvent.count({ where: { userId: user.id, action: "account.signed-out-everywhere" } }),
    ).toBe(1);
  });

  it("a session ends SESSION_ABSOLUTE_DAYS after its sign-in however active it is, and one without an id is refused", async () => {
    const { token } = await signIn();
    const days = deps.env.SESSION_ABSOLUTE_DAYS;
    expect(await liveSessionUser(deps, token, token.since! + (days * 86_400_000 - 60_000))).not.toBeNull();
    expect(await liveSessionUser(deps, token, token.since! + days * 86_400_000)).toBeNull();
    const { sid: _sid, ...withoutId } = token;
    expect(await nextSessionToken(deps, withoutId, {})).toBeNull();
  });

  it("an open event stream closes once its session ends (here: the password is changed elsewhere)", async () => {
    const { user, token } = await signIn();
    const caller = createCaller({
      deps,
      user: { id: user.id, role: "USER", needsTotp: false },
      ip: "127.0.0.1",
      sessionAlive: async () => (await liveSessionUser(deps, token)) !== null,
    });
    const stream = await caller.events.stream();
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ type: "ready" });
    await changePassword(deps, user.id, { currentPassword: TEST_PASSWORD, newPassword: "a completely new passphrase" });
    // The stream re-checks its session every SESSION_RECHECK_SECONDS (1 s in the tests) and then ends.
    const next = await Promise.race([
      iterator.next(),
      new Promise((resolve) => setTimeout(() => resolve("still open"), 10_000)),
    ]);
    expect(next).toEqual({ done: true, value: undefined });
  });
});
