import { readFileSync } from "node:fs";
import { E2E_PORT } from "./e2e-env";
import { expect, test } from "./fixtures";
import { totpCode } from "../../web/src/server/services/accounts/totp";
import {
  fillSignUpForm,
  insertUser,
  linkFromMail,
  mainNav,
  newUser,
  PHONE,
  screen,
  signIn,
  signInWithSession,
  submitSignIn,
  waitForMail,
} from "./helpers";

test("a signed-out visit to the app goes to sign-in", async ({ page }) => {
  await page.goto("/");
  await page.waitForURL("**/sign-in");
  await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
  await page.goto("/friends");
  await page.waitForURL("**/sign-in");
});

test("an unknown address shows Hearth's not-found page: with sign-in signed out, with the app's navigation signed in", async ({
  page,
  context,
}) => {
  const missing = await page.goto("/no-such-page");
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeVisible();
  await screen(page, "account", "not-found-signed-out");
  const user = await insertUser("Nico");
  await signInWithSession(context, page, user);
  expect((await page.goto("/settings/nowhere"))!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Messages" })).toBeVisible();
  await screen(page, "account", "not-found-signed-in");
  await page.getByRole("link", { name: "Find people" }).click();
  await page.waitForURL("**/search");
});

test("a wrong password is refused with a message", async ({ page }) => {
  const user = await insertUser("Emery");
  await submitSignIn(page, user.email, `${user.password}x`);
  await expect(
    page.getByRole("alert").filter({ hasText: "That email and password do not match an account." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  // The email is kept; the right password then works.
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await signIn(page, user);
});

test("sign-up shows what is wrong next to the field", async ({ page }) => {
  const existing = await insertUser("Finley");
  const user = newUser("Gray");
  await page.goto("/sign-up");

  await fillSignUpForm(page, { ...user, password: "too short" });
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Passwords have at least 12 characters.");
  await expect(page).toHaveURL(/\/sign-up$/);

  // A taken username (1 sign-up attempt of the suite's 9: the limit counts attempts).
  await fillSignUpForm(page, { ...user, username: existing.username.toUpperCase() });
  const username = page.getByLabel("Username");
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription("That username is taken.");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "false");
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("email verification, password reset and two-factor sign-in", async ({ page }) => {
  test.setTimeout(120_000);
  const user = newUser("Harper");
  await test.step("sign-up answers 'check your email' (the same for a taken address); signing in before confirming is allowed", async () => {
    await page.goto("/sign-up");
    await fillSignUpForm(page, user); // 1 of the suite's 9 sign-ups
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText(`We sent a message to ${user.email}.`);
    await screen(page, "account", "sign-up-check-email");
    await page.getByRole("link", { name: "Go to sign in" }).click();
    await signIn(page, user);
    await expect(page.getByText("Confirm your email address: we sent you a link.")).toBeVisible();
  });

  await test.step("the verification link from the email confirms the address", async () => {
    const link = await linkFromMail(user.email, /^Confirm your email/);
    expect(link.host).toBe(`localhost:${E2E_PORT}`);
    expect(link.pathname).toBe("/verify-email");
    await page.goto(link.toString());
    await expect(page.getByText("Your email address is confirmed. Thank you!")).toBeVisible();
    // Opened again (another tab, a mail preview): it says so instead of calling the link broken.
    await page.reload();
    await expect(page.getByText("Your email address is already confirmed.")).toBeVisible();
    await page.getByRole("link", { name: "Continue to Hearth" }).click();
    await expect(page.getByRole("heading", { name: `Hi, ${user.displayName}` })).toBeVisible();
    await expect(page.getByText("Confirm your email address: we sent you a link.")).toHaveCount(0);
  });

  await test.step("a forgotten password is reset through the emailed link", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL("**/forgot-password");
    const requested = new Date(Date.now() - 1000);
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If that address has an account, a reset link is on its way.");

    const link = await linkFromMail(user.email, /^Reset your Hearth password/, { after: requested });
    expect(link.host).toBe(`localhost:${E2E_PORT}`);
    await page.goto(link.toString());
    user.password = `${user.password} renewed`;
    await page.getByLabel("New password").fill(user.password);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL("**/sign-in?notice=password-reset");
    await expect(page.getByText("Your password was changed. Sign in with the new one.")).toBeVisible();
    await signIn(page, user);
    await waitForMail(user.email, /^Your Hearth password was changed/, { after: requested });
  });

  let secret = "";
  let recoveryCodes: string[] = [];
  await test.step("two-factor authentication is turned on in Settings → Account & security", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Account & security" }).click();
    await page.waitForURL("**/settings/security");
    await page.getByLabel("Password (to set it up)").fill(user.password);
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const secretBox = page.getByTestId("totp-secret");
    await expect(secretBox).toHaveText(/^[A-Z2-7]{32}$/);
    secret = (await secretBox.textContent())!.trim();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    await page.getByLabel("6-digit code").fill(totpCode(secret, Date.now()));
    await page.getByRole("button", { name: "Turn on" }).click();
    const codes = page.getByTestId("recovery-codes");
    await expect(codes.getByRole("listitem")).toHaveCount(10);
    recoveryCodes = (await codes.getByRole("listitem").allTextContents()).map((c) => c.trim());
    expect(recoveryCodes[0]).toMatch(/^[a-z0-9]{5}-?[a-z0-9]{5}$/);
    // They can be copied (one a line) and downloaded as a .txt made in the browser.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy codes" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join("\n"));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download .txt" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("hearth-recovery-codes.txt");
    expect(readFileSync(await download.path(), "utf8")).toContain(recoveryCodes.join("\n"));
    await screen(page, "account", "desktop-recovery-codes");
    await page.setViewportSize(PHONE);
    await screen(page, "account", "phone-recovery-codes");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "I saved them — sign in again" }).click();
    await page.waitForURL("**/sign-in");
  });

  await test.step("signing in now asks for a code; a wrong one is refused, a fresh one works", async () => {
    await submitSignIn(page, user.email, user.password);
    const code = page.getByLabel("Two-factor code");
    await expect(code).toBeVisible();
    await expect(page.getByRole("button", { name: "Verify and sign in" })).toBeVisible();

    await code.fill("000000" === totpCode(secret, Date.now()) ? "111111" : "000000");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "That code is not right. Try the newest code, or a recovery code." }),
    ).toBeVisible();

    // The code used at enrolment cannot be replayed; the next step's code is already accepted (clock drift).
    await page.getByLabel("Two-factor code").fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { name: `Hi, ${user.displayName}` })).toBeVisible();
  });

  await test.step("a recovery code also works, once", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await submitSignIn(page, user.email, user.password);
    await page.getByLabel("Two-factor code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/settings/security");
    await expect(page.getByText("On. 9 recovery codes left.")).toBeVisible();
  });
});
