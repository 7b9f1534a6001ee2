import { Queue, type Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { EMAIL_QUEUE } from "@/server/infra/queues";
import { authenticate } from "@/server/services/accounts/authenticate";
import { callerFor, createUser, freshIp, TEST_PASSWORD, testDeps, unique } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();
// A second handle on the real email queue, to see what the app enqueued.
const queue = new Queue(EMAIL_QUEUE, { connection: deps.redis });
afterAll(() => queue.close());

async function emailJobs(to: string) {
  const jobs = await queue.getJobs(["waiting", "delayed", "active", "completed", "failed", "prioritized"]);
  return jobs.filter((job): job is Job => !!job && job.data.to === to);
}
async function linkTokenFor(to: string, template: string): Promise<string> {
  const job = (await emailJobs(to))
    .filter((j) => j.data.template === template)
    .sort((a, b) => b.timestamp - a.timestamp)[0];
  expect(job, `a ${template} email to ${to}`).toBeDefined();
  return new URL(job!.data.url).searchParams.get("token")!;
}
const signUpInput = (name = unique("new_")) => ({
  email: `${name}@example.test`,
  username: name,
  displayName: `New ${name}`,
  password: "a sturdy passphrase 42",
  acceptTerms: true as const,
});
/** Signs up (the answer never says who the account is) and finds the new account's id by its address. */
async function signUpUser(input: ReturnType<typeof signUpInput>): Promise<{ userId: string }> {
  expect(await callerFor(null, freshIp()).account.signUp(input)).toEqual({ status: "check-your-email" });
  const user = await deps.db.user.findUniqueOrThrow({
    where: { email: input.email.toLowerCase() },
    select: { id: true },
  });
  return { userId: user.id };
}

describe("sign-up", () => {
  it("creates an unverified account, hashes the password with argon2id and queues a verification email", async () => {
    const input = signUpInput();
    const { userId } = await signUpUser(input);
    const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({
      email: input.email,
      username: input.username,
      usernameKey: input.username.toLowerCase(),
      emailVerifiedAt: null,
      role: "USER",
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const jobs = await emailJobs(input.email);
    expect(jobs.map((j) => j.data.template)).toEqual(["verify-email"]);
    expect(jobs[0]!.data.url).toMatch(/^http:\/\/localhost:3100\/verify-email\?token=[\w-]{43}$/);
  });

  it("an address listed in ADMIN_EMAILS is an ordinary account until verified; the verification link makes it admin", async () => {
    // Whoever signs up first with the admin's address (a squatter, say) gets nothing from it...
    const { userId } = await signUpUser({ ...signUpInput(), email: "admin@hearth.test" });
    const roleOf = async (id: string) => (await deps.db.user.findUniqueOrThrow({ where: { id } })).role;
    expect(await roleOf(userId)).toBe("USER");
    // ...until the link sent to that address is opened, which only its owner can do.
    await callerFor(null).account.verifyEmail({ token: await linkTokenFor("admin@hearth.test", "verify-email") });
    expect(await roleOf(userId)).toBe("ADMIN");
    expect(await deps.db.auditEvent.count({ where: { userId, action: "account.admin-granted" } })).toBe(1);
  });

  it("a password reset link proves a listed address too (and an unlisted one stays a user)", async () => {
    const { userId } = await signUpUser({ ...signUpInput(), email: "reset-admin@hearth.test" });
    await callerFor(null).account.requestPasswordReset({ email: "reset-admin@hearth.test" });
    await callerFor(null).account.resetPassword({
      token: await linkTokenFor("reset-admin@hearth.test", "reset-password"),
      password: "a brand new passphrase",
    });
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("ADMIN");

    const plain = signUpInput();
    const other = await signUpUser(plain);
    await callerFor(null).account.verifyEmail({ token: await linkTokenFor(plain.email, "verify-email") });
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: other.userId } })).role).toBe("USER");
  });

  it("refuses a username taken in another case, naming the field, and creates nothing", async () => {
    const existing = await createUser();
    const before = await deps.db.user.count();
    const error = await expectTrpcError(
      callerFor(null).account.signUp({ ...signUpInput(), username: existing.username.toUpperCase() }),
      "CONFLICT",
      /username is taken/,
    );
    expect(error.cause).toBeInstanceOf(AppError);
    expect((error.cause as AppError).field).toBe("username");
    expect(await deps.db.user.count()).toBe(before);
  });

  it("an address that already has an account gets the same answer, creates nothing, and its owner is emailed instead", async () => {
    const existing = await createUser();
    const fresh = signUpInput();
    const taken = { ...signUpInput(), email: existing.email.toUpperCase() };
    const hashBefore = (await deps.db.user.findUniqueOrThrow({ where: { id: existing.id } })).passwordHash;
    const before = await deps.db.user.count();
    // Word for word the same answer as a new address gets: the form tells nobody who has an account.
    expect(await callerFor(null, freshIp()).account.signUp(taken)).toEqual(
      await callerFor(null, freshIp()).account.signUp(fresh),
    );
    expect(await deps.db.user.count()).toBe(before + 1);
    expect(await deps.db.user.findUnique({ where: { usernameKey: taken.username.toLowerCase() } })).toBeNull();
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: existing.id } })).passwordHash).toBe(hashBefore);
    // The owner hears about it, with ways in; nothing lets the caller in.
    const [notice] = await emailJobs(existing.email);
    expect(notice?.data).toMatchObject({
      template: "account-exists",
      url: "http://localhost:3100/sign-in",
      resetUrl: "http://localhost:3100/forgot-password",
    });
    expect(
      await deps.db.auditEvent.count({ where: { userId: existing.id, action: "account.sign-up-existing-email" } }),
    ).toBe(1);
  });

  it("tells an address's owner about sign-up attempts at most 3 times an hour, and still answers the same", async () => {
    const existing = await createUser();
    for (let i = 0; i < 5; i++)
      expect(await callerFor(null, freshIp()).account.signUp({ ...signUpInput(), email: existing.email })).toEqual({
        status: "check-your-email",
      });
    expect((await emailJobs(existing.email)).filter((j) => j.data.template === "account-exists")).toHaveLength(3);
  });

  it.each([
    ["a malformed email", { email: "not-an-email" }, "email"],
    ["a short password", { password: "short pass" }, "password"],
    ["a username with spaces", { username: "two words" }, "username"],
    ["a reserved username", { username: "Admin" }, "username"],
    ["an empty display name", { displayName: "   " }, "displayName"],
  ])("rejects %s with a field error and creates nothing", async (_label, override, field) => {
    const input = { ...signUpInput(), ...override };
    const error = await expectTrpcError(callerFor(null).account.signUp(input), "BAD_REQUEST");
    expect(
      Object.keys((error.cause as { flatten?: () => { fieldErrors: object } }).flatten?.().fieldErrors ?? {}),
    ).toContain(field);
    expect(await deps.db.user.findUnique({ where: { email: input.email.toLowerCase() } })).toBeNull();
  });

  it("rejects a breached password", async () => {
    await expectTrpcError(
      callerFor(null).account.signUp({ ...signUpInput(), password: "qwerty123456" }),
      "BAD_REQUEST",
      /breached/,
    );
  });

  it("limits sign-ups per IP: the 11th in an hour gets TOO_MANY_REQUESTS with when to retry", async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) await callerFor(null, ip).account.signUp(signUpInput());
    const input = signUpInput();
    const error = await expectTrpcError(
      callerFor(null, ip).account.signUp(input),
      "TOO_MANY_REQUESTS",
      /Try again in \d+ (seconds|minutes)\./,
    );
    expect((error.cause as AppError).retryAt).toBeGreaterThan(Date.now());
    expect(await deps.db.user.findUnique({ where: { email: input.email } })).toBeNull();
  });
});

describe("email verification", () => {
  it("verifies with the emailed link; opened again it says already confirmed; a forged or reset link is refused", async () => {
    const input = signUpInput();
    const { userId } = await signUpUser(input);
    const token = await linkTokenFor(input.email, "verify-email");
    expect(await callerFor(null).account.verifyEmail({ token })).toEqual({ alreadyConfirmed: false });
    const verifiedAt = (await deps.db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt;
    expect(verifiedAt).toBeInstanceOf(Date);
    // Opened again (a second tab, a mail preview, an effect run twice): it did its work, so it says so, and changes nothing.
    expect(await callerFor(null).account.verifyEmail({ token })).toEqual({ alreadyConfirmed: true });
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toEqual(verifiedAt);
    await expectTrpcError(
      callerFor(null).account.verifyEmail({ token: "A".repeat(43) }),
      "BAD_REQUEST",
      /invalid or has expired/,
    );
    await callerFor(null).account.requestPasswordReset({ email: input.email });
    await expectTrpcError(
      callerFor(null).account.verifyEmail({ token: await linkTokenFor(input.email, "reset-password") }),
      "BAD_REQUEST",
      /invalid or has expired/,
    );
    await expectTrpcError(callerFor(null).account.verifyEmail({ token: "<script>" }), "BAD_REQUEST");
  });

  it("resends only to unverified accounts, and at most 3 times an hour", async () => {
    const verified = await createUser();
    await expectTrpcError(callerFor(verified).account.resendVerification(), "BAD_REQUEST", /already verified/);
    const { userId } = await signUpUser(signUpInput());
    for (let i = 0; i < 3; i++) await callerFor({ id: userId }).account.resendVerification();
    await expectTrpcError(callerFor({ id: userId }).account.resendVerification(), "TOO_MANY_REQUESTS");
  });
});

describe("password sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown account alike", async () => {
    const user = await createUser();
    expect(
      await authenticate(deps, { email: user.email.toUpperCase(), password: TEST_PASSWORD }, { ip: freshIp() }),
    ).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await authenticate(deps, { email: user.email, password: `${TEST_PASSWORD}!` }, { ip: freshIp() })).toEqual({
      ok: false,
      reason: "invalid-credentials",
    });
    expect(
      await authenticate(deps, { email: "nobody@example.test", password: TEST_PASSWORD }, { ip: freshIp() }),
    ).toEqual({ ok: false, reason: "invalid-credentials" });
  });

  it("never truncates: a 200-character password's 199-character prefix does not sign in", async () => {
    const password = `${"correct horse ".repeat(14)}battery`.slice(0, 200);
    const input = { ...signUpInput(), password };
    await signUpUser(input);
    expect(
      (await authenticate(deps, { email: input.email, password: password.slice(0, 199) }, { ip: freshIp() })).ok,
    ).toBe(false);
    expect((await authenticate(deps, { email: input.email, password }, { ip: freshIp() })).ok).toBe(true);
  });

  it("locks an account after 100 failures in an hour, even with the right password, from any IP", async () => {
    const user = await createUser();
    for (let i = 0; i < 99; i++) await deps.limits.signInFailuresPerAccount.consume(user.id);
    expect(
      (await authenticate(deps, { email: user.email, password: "wrong password here" }, { ip: freshIp() })).ok,
    ).toBe(false);
    await expect(
      authenticate(deps, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp() }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/Try again in/) });
    const failures = await deps.db.auditEvent.count({ where: { userId: user.id, action: "account.sign-in-failed" } });
    expect(failures).toBe(1);
  });

  it("limits attempts per IP to 30 in 5 minutes", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let i = 0; i < 30; i++)
      await authenticate(deps, { email: "nobody@example.test", password: "x".repeat(12) }, { ip });
    await expect(authenticate(deps, { email: user.email, password: TEST_PASSWORD }, { ip })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect((await authenticate(deps, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp() })).ok).toBe(true);
  });
});

describe("password reset", () => {
  it("answers the same for unknown addresses and queues nothing for them", async () => {
    await expect(
      callerFor(null).account.requestPasswordReset({ email: "ghost@example.test" }),
    ).resolves.toBeUndefined();
    expect(await emailJobs("ghost@example.test")).toEqual([]);
  });

  it("resets with the emailed link once, signs out every session and lets only the new password in", async () => {
    const user = await createUser();
    await callerFor(null).account.requestPasswordReset({ email: user.email });
    const token = await linkTokenFor(user.email, "reset-password");
    await expectTrpcError(
      callerFor(null).account.resetPassword({ token, password: "password1234" }),
      "BAD_REQUEST",
      /breached/,
    );
    await callerFor(null).account.resetPassword({ token, password: "a brand new passphrase" });
    const after = await deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(1);
    expect((await authenticate(deps, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp() })).ok).toBe(
      false,
    );
    expect(
      (await authenticate(deps, { email: user.email, password: "a brand new passphrase" }, { ip: freshIp() })).ok,
    ).toBe(true);
    await expectTrpcError(
      callerFor(null).account.resetPassword({ token, password: "another new passphrase" }),
      "BAD_REQUEST",
      /invalid or has expired/,
    );
    expect((await emailJobs(user.email)).map((j) => j.data.template).sort()).toEqual([
      "password-changed",
      "reset-password",
    ]);
  });

  it("limits reset requests to 3 an hour per address", async () => {
    const user = await createUser();
    for (let i = 0; i < 3; i++) await callerFor(null).account.requestPasswordReset({ email: user.email });
    await expectTrpcError(callerFor(null).account.requestPasswordReset({ email: user.email }), "TOO_MANY_REQUESTS");
  });
});

describe("changing the password", () => {
  it("needs the current password, and changes nothing without it", async () => {
    const user = await createUser();
    const before = await deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    await expectTrpcError(
      callerFor(user).account.changePassword({
        currentPassword: "not it at all",
        newPassword: "a brand new passphrase",
      }),
      "BAD_REQUEST",
      /current password/,
    );
    expect(await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
    await callerFor(user).account.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new passphrase",
    });
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(
      before.sessionVersion + 1,
    );
  });

  it("is refused to signed-out callers", async () => {
    await expectTrpcError(
      callerFor(null).account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "a brand new passphrase" }),
      "UNAUTHORIZED",
    );
    await expectTrpcError(callerFor(null).account.me(), "UNAUTHORIZED");
  });
});
