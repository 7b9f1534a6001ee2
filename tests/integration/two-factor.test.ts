import { describe, expect, it } from "vitest";
import { authenticate } from "@/server/services/accounts/authenticate";
import { totpCode } from "@/server/services/accounts/totp";
import { callerFor, createUser, freshIp, TEST_PASSWORD, testDeps } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();
const STEP = 30_000;

/** Enrols a user through the procedures; returns the secret and the recovery codes. */
async function enrol(user: { id: string }) {
  const { secret, uri } = await callerFor(user).account.beginTotp();
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

  it("refuses a wrong enrolment code (field error) and leaves 2FA off", async () => {
    const user = await createUser();
    await callerFor(user).account.beginTotp();
    await expectTrpcError(callerFor(user).account.confirmTotp({ code: "000000" }), "BAD_REQUEST", /not right/);
    await expectTrpcError(callerFor(user).account.confirmTotp({ code: "12345" }), "BAD_REQUEST");
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });

  it("asks for the second factor after the right password, accepts a code once, and refuses a replay", async () => {
    const user = await createUser();
    const { secret } = await enrol(user);
    const attempt = { email: user.email, password: TEST_PASSWORD };
    expect(await authenticate(deps, attempt, { ip: freshIp() })).toEqual({ ok: false, reason: "second-factor-required" });
    const code = totpCode(secret, Date.now());
    expect((await authenticate(deps, { ...attempt, secondFactor: code }, { ip: freshIp() })).ok).toBe(true);
    expect(await authenticate(deps, { ...attempt, secondFactor: code }, { ip: freshIp() })).toEqual({ ok: false, reason: "invalid-second-factor" });
    // A wrong password never reveals whether 2FA is on.
    expect(await authenticate(deps, { email: user.email, password: "wrong password!" }, { ip: freshIp() })).toEqual({ ok: false, reason: "invalid-credentials" });
  });

  it("accepts each recovery code once, with or without its dash", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrol(user);
    const attempt = { email: user.email, password: TEST_PASSWORD };
    expect((await authenticate(deps, { ...attempt, secondFactor: recoveryCodes[0]! }, { ip: freshIp() })).ok).toBe(true);
    expect((await authenticate(deps, { ...attempt, secondFactor: recoveryCodes[0]! }, { ip: freshIp() })).ok).toBe(false);
    expect((await authenticate(deps, { ...attempt, secondFactor: recoveryCodes[1]!.replace("-", "").toUpperCase() }, { ip: freshIp() })).ok).toBe(true);
    expect((await callerFor(user).account.me()).recoveryCodesLeft).toBe(8);
  });

  it("limits second-factor guesses to 10 per 15 minutes", async () => {
    const user = await createUser();
    await enrol(user); // the enrolment code counts as the first of the ten attempts
    for (let i = 0; i < 9; i++) await authenticate(deps, { email: user.email, password: TEST_PASSWORD, secondFactor: "000000" }, { ip: freshIp() });
    await expect(authenticate(deps, { email: user.email, password: TEST_PASSWORD, secondFactor: "000000" }, { ip: freshIp() })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("turns off only with the password, and new recovery codes replace the old ones", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enrol(user);
    await expectTrpcError(callerFor(user).account.regenerateRecoveryCodes({ password: "not my password" }), "BAD_REQUEST", /password is not right/);
    const fresh = await callerFor(user).account.regenerateRecoveryCodes({ password: TEST_PASSWORD });
    expect(fresh.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect((await authenticate(deps, { email: user.email, password: TEST_PASSWORD, secondFactor: recoveryCodes[2]! }, { ip: freshIp() })).ok).toBe(false);
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
    await expectTrpcError(callerFor({ id: admin.id, role: "ADMIN" }).account.disableTotp({ password: TEST_PASSWORD }), "FORBIDDEN", /Admins must keep/);
  });
});
