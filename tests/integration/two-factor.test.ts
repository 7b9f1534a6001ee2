import { describe, expect, it } from "vitest";
import { authenticate } from "@/server/services/accounts/authenticate";
import { completeOAuthSecondFactor } from "@/server/services/accounts/oauth-two-factor";
import { nextSessionToken } from "@/server/services/accounts/session-token";
import { totpCode } from "@/server/services/accounts/totp";
import { callerFor, createUser, freshIp, TEST_PASSWORD, testDeps } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();
const STEP = 30_000;

/** Enrols a user through the procedures; returns the secret and the recovery codes. */
async function enrol(user: { id: string }) {
  const { secret, uri } = await callerFor(user).account.beginTotp({ password: TEST_PASSWORD });
  expect(uri).toContain(`secret=${secret}`);
  // Use the previous step's code at enrolment so the current step's code is still fresh for sign-in.
  const { recoveryCodes } = await callerFor(user).account.confirmTotp({ code: totpCode(secret, Date.now() - STEP) });
  return { secret, recoveryCodes };
}

describe("two-factor authentication (TOTP)", () => {
  it("enrols with a correct code, returns ten recovery codes and signs out other sessions", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrol(user);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const row = await deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).toBeInstanceOf(Date);
    expect(row.sessionVersion).toBe(1);
    expect((await callerFor(user).account.me()).recoveryCodesLeft).toBe(10);
  });

  it("asks for the password before enrolment starts, and stores nothing without it", async () => {
    const user = await createUser();
    await expectTrpcError(callerFor(user).account.beginTotp({}), "BAD_REQUEST", /password is not right/);
    await expectTrpcError(
      callerFor(user).account.beginTotp({ password: "not the password" }),
      "BAD_REQUEST",
      /password is not right/,
    );
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret).toBeNull();
  });

  it("refuses a wrong enrolment code (field error) and leaves 2FA off", async () => {
    const user = await createUser();
    await callerFor(user).account.beginTotp({ password: TEST_PASSWORD });
    await expectTrpcError(callerFor(user).account.confirmTotp({ code: "000000" }), "BAD_REQUEST", /not right/);
    await expectTrpcError(callerFor(user).account.confirmTotp({ code: "12345" }), "BAD_REQUEST");
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });

  it("asks for the second factor after the right password, accepts a code once, and refuses a replay", async () => {
    const user = await createUser();
    const { secret } = await enrol(user);
    const attempt = { email: user.email, password: TEST_PASSWORD };
    expect(await authenticate(deps, attempt, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "second-factor-required",
    });
    const code = totpCode(secret, Date.now());
    expect((await authenticate(deps, { ...attempt, secondFactor: code }, { ip: freshIp() })).ok).toBe(true);
    expect(await authenticate(deps, { ...attempt, secondFactor: code }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid-second-factor",
    });
    // A wrong password never reveals whether 2FA is on.
    expect(await authenticate(deps, { email: user.email, password: "wrong password!" }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid-credentials",
    });
  });

  it("accepts each recovery code once, with or without its dash", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrol(user);
    const attempt = { email: user.email, password: TEST_PASSWORD };
    expect((await authenticate(deps, { ...attempt, secondFactor: recoveryCodes[0]! }, { ip: freshIp() })).ok).toBe(
      true,
    );
    expect((await authenticate(deps, { ...attempt, secondFactor: recoveryCodes[0]! }, { ip: freshIp() })).ok).toBe(
      false,
    );
    expect(
      (
        await authenticate(
          deps,
          { ...attempt, secondFactor: recoveryCodes[1]!.replace("-", "").toUpperCase() },
          { ip: freshIp() },
        )
      ).ok,
    ).toBe(true);
    expect((await callerFor(user).account.me()).recoveryCodesLeft).toBe(8);
  });

  it("limits second-factor guesses to 10 per 15 minutes", async () => {
    const user = await createUser();
    await enrol(user); // the enrolment code counts as the first of the ten attempts
    for (let i = 0; i < 9; i++)
      await authenticate(
        deps,
        { email: user.email, password: TEST_PASSWORD, secondFactor: "000000" },
        { ip: freshIp() },
      );
    await expect(
      authenticate(deps, { email: user.email, password: TEST_PASSWORD, secondFactor: "000000" }, { ip: freshIp() }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("turns off only with the password, and new recovery codes replace the old ones", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrol(user);
    await expectTrpcError(
      callerFor(user).account.regenerateRecoveryCodes({ password: "not my password" }),
      "BAD_REQUEST",
      /password is not right/,
    );
    const fresh = await callerFor(user).account.regenerateRecoveryCodes({ password: TEST_PASSWORD });
    expect(fresh.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect(
      (
        await authenticate(
          deps,
          { email: user.email, password: TEST_PASSWORD, secondFactor: recoveryCodes[2]! },
          { ip: freshIp() },
        )
      ).ok,
    ).toBe(false);
    await expectTrpcError(callerFor(user).account.disableTotp({ password: "not my password" }), "BAD_REQUEST");
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull();
    await callerFor(user).account.disableTotp({ password: TEST_PASSWORD });
    expect(await deps.db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await authenticate(deps, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp() })).ok).toBe(true);
  });
});

describe("admins", () => {
  it("must enrol before using anything but their security settings", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const asAdmin = { id: admin.id, role: "ADMIN" as const, needsTotp: true };
    await expectTrpcError(callerFor(asAdmin).search.users({ query: "anyone" }), "FORBIDDEN", /two-factor/);
    await expectTrpcError(callerFor(asAdmin).friends.list(), "FORBIDDEN");
    await expect(callerFor(asAdmin).account.me()).resolves.toMatchObject({ role: "ADMIN", totpEnabledAt: null });
    await enrol(asAdmin);
  });

  it("cannot turn two-factor off", async () => {
    const admin = await createUser({ role: "ADMIN" });
    await enrol(admin);
    await expectTrpcError(
      callerFor({ id: admin.id, role: "ADMIN" }).account.disableTotp({ password: TEST_PASSWORD }),
      "FORBIDDEN",
      /Admins must keep/,
    );
  });
});

// The OAuth provider cannot run here: its part is played by the profile it would return (a test double at its edge).
describe("two-factor authentication after an OAuth sign-in", () => {
  async function linkedUserWith2fa() {
    const user = await createUser();
    const providerAccountId = `gh-${user.id}`;
    await deps.db.oAuthAccount.create({ data: { userId: user.id, provider: "github", providerAccountId } });
    const { secret, recoveryCodes } = await enrol(user);
    const profile = {
      provider: "github",
      providerAccountId,
      email: user.email,
      emailVerified: true,
      name: null,
      login: null,
    };
    return { user, secret, recoveryCodes, profile };
  }

  it("the provider alone gives no session, only a pending step; the code completes it", async () => {
    const { user, secret, profile } = await linkedUserWith2fa();
    const first = await nextSessionToken(deps, {}, { oauth: profile });
    expect(first).toEqual({ pending: { uid: user.id, sv: 1, until: expect.any(Number), provider: "github" } });
    expect(first).not.toHaveProperty("user");
    // On the next request the token is still only pending: every page and procedure sees no user.
    expect(await nextSessionToken(deps, { ...first }, {})).toEqual({ pending: first!.pending });

    const ip = freshIp();
    expect(await completeOAuthSecondFactor(deps, first!.pending, "000000", { ip })).toEqual({
      ok: false,
      reason: "invalid-second-factor",
    });
    expect(await deps.db.auditEvent.count({ where: { userId: user.id, action: "account.sign-in-failed" } })).toBe(1);
    const done = await completeOAuthSecondFactor(deps, first!.pending, totpCode(secret, Date.now()), { ip });
    expect(done).toEqual({ ok: true, user: { id: user.id, role: "USER", sessionVersion: 1 } });
    const full = await nextSessionToken(deps, { ...first }, { user: { id: user.id, sessionVersion: 1 } });
    expect(full).toMatchObject({ uid: user.id, sv: 1, user: { id: user.id } });
  });

  it("a recovery code also completes it; a lapsed or outdated pending step does not", async () => {
    const { user, recoveryCodes, profile } = await linkedUserWith2fa();
    const pending = (await nextSessionToken(deps, {}, { oauth: profile }))!.pending!;
    expect(
      (
        await completeOAuthSecondFactor(deps, { ...pending, until: Date.now() - 1 }, recoveryCodes[0]!, {
          ip: freshIp(),
        })
      ).ok,
    ).toBe(false);
    expect(await nextSessionToken(deps, { pending: { ...pending, until: Date.now() - 1 } }, {})).toBeNull();
    expect((await completeOAuthSecondFactor(deps, pending, recoveryCodes[0]!, { ip: freshIp() })).ok).toBe(true);
    // Signed out everywhere since the first step: the pending step is worthless.
    await deps.db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await completeOAuthSecondFactor(deps, pending, recoveryCodes[1]!, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("an account without 2FA signs straight in with its provider", async () => {
    const user = await createUser();
    await deps.db.oAuthAccount.create({
      data: { userId: user.id, provider: "github", providerAccountId: `gh-${user.id}` },
    });
    const token = await nextSessionToken(
      deps,
      {},
      {
        oauth: {
          provider: "github",
          providerAccountId: `gh-${user.id}`,
          email: user.email,
          emailVerified: true,
          name: null,
          login: null,
        },
      },
    );
    expect(token).toMatchObject({ uid: user.id, user: { id: user.id } });
  });
});

describe("settings that re-check the password", () => {
  it("are rate-limited together per account (2FA set-up included): the 11th check in 15 minutes is refused, even with the right password", async () => {
    const user = await createUser();
    await enrol(user);
    const attempts = [
      () => callerFor(user).account.disableTotp({ password: "not the password 1" }),
      () => callerFor(user).account.regenerateRecoveryCodes({ password: "not the password 2" }),
      () =>
        callerFor(user).account.changePassword({
          currentPassword: "not the password 3",
          newPassword: "a completely new passphrase",
        }),
    ];
    // Enrolment checked the password once; nine wrong ones use up the ten.
    for (let i = 0; i < 9; i++) await expectTrpcError(attempts[i % 3]!(), "BAD_REQUEST", /not right/);
    await expectTrpcError(
      callerFor(user).account.disableTotp({ password: TEST_PASSWORD }),
      "TOO_MANY_REQUESTS",
      /Too many password checks/,
    );
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeInstanceOf(Date);
  });
});
