import { expect, test } from "./fixtures";
import { insertUser, newUser, PHONE, screen, signInWithSession, sql } from "./helpers";

const agree = "I agree to the Terms and Privacy policy";

test("sign-up asks to agree to the terms, which open beside the form; the footer links to the privacy policy", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const user = newUser("Quinn");
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Display name").fill(user.displayName);
  await page.getByLabel("Password").fill(user.password);

  await test.step("without the box ticked, the form says why beside it and no account is made", async () => {
    await page.getByRole("button", { name: "Create account" }).click();
    const box = page.getByRole("checkbox", { name: agree });
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toHaveAccessibleDescription("Agree to the Terms and Privacy policy to create an account.");
    expect(await sql(`SELECT id FROM "User" WHERE email = $1`, [user.email])).toEqual([]);
    await screen(page, "legal", "sign-up-unticked");
  });

  await test.step("the Terms link opens the terms in a new tab, the form keeps what was typed", async () => {
    const [terms] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("link", { name: "Terms", exact: true }).click(),
    ]);
    await terms.waitForLoadState();
    expect(new URL(terms.url()).pathname).toBe("/terms");
    await expect(terms.getByRole("heading", { level: 1, name: "Terms of use" })).toBeVisible();
    await expect(terms.getByText("Do not record a call without consent.")).toBeVisible();
    await expect(terms.getByText("Version 1 · Hearth's default text")).toBeVisible();
    await screen(terms, "legal", "terms");
    await terms.close();
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
  });

  await test.step("the footer's privacy policy says how recordings and consent work, at phone width too", async () => {
    const footer = page.getByRole("navigation", { name: "Legal" });
    await expect(footer.getByRole("link", { name: "Terms of use" })).toHaveAttribute("href", "/terms");
    const privacy = await context.newPage();
    await privacy.setViewportSize(PHONE);
    await privacy.goto((await footer.getByRole("link", { name: "Privacy policy" }).getAttribute("href"))!);
    await expect(privacy.getByRole("heading", { level: 1, name: "Privacy policy" })).toBeVisible();
    await expect(privacy.getByRole("heading", { name: "Recordings and consent" })).toBeVisible();
    await expect(privacy.getByText("Everyone in a recorded call can leave it")).toBeVisible();
    await screen(privacy, "legal", "privacy-phone");
    await privacy.close();
  });

  await test.step("ticked, the account is made with the agreement recorded (1 of the suite's 9 sign-ups)", async () => {
    await page.getByRole("checkbox", { name: agree }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    // Sign-up hashes the password (argon2id): slow on a busy machine.
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 30_000 });
    const [row] = await sql<{ termsVersion: number; privacyVersion: number; agreed: boolean }>(
      `SELECT "termsVersion", "privacyVersion", "termsAcceptedAt" IS NOT NULL AS agreed FROM "User" WHERE email = $1`,
      [user.email],
    );
    expect(row).toEqual({ termsVersion: 1, privacyVersion: 1, agreed: true });
  });
});

test("an admin rewrites the terms at /admin/legal with a preview; /terms shows the new version, with HTML and script links inert", async ({
  browser,
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const admin = await insertUser("Rowan");
  await sql(
    `UPDATE "User" SET role = 'ADMIN', "totpSecret" = 'JBSWY3DPEHPK3PXP', "totpEnabledAt" = now() WHERE id = $1`,
    [admin.id],
  );
  const someone = await insertUser("Sasha");
  try {
    await test.step("someone who is not an admin finds no such page, and Settings links to both documents", async () => {
      const other = await browser.newContext();
      const p = await other.newPage();
      await signInWithSession(other, p, someone);
      await p.goto("/admin/legal");
      await expect(p.getByText("This page isn't available")).toBeVisible();
      await p.goto("/settings/profile");
      await expect(
        p.getByRole("navigation", { name: "Legal" }).getByRole("link", { name: "Privacy policy" }),
      ).toHaveAttribute("href", "/privacy");
      await other.close();
    });

    await signInWithSession(context, page, admin);
    await test.step("the admin edits the terms and sees the preview before saving", async () => {
      await page.goto("/admin/legal");
      await page.getByRole("radio", { name: "Terms of use" }).click();
      const editor = page.getByLabel("Markdown");
      await expect(editor).toHaveValue(/^# Terms of use/);
      await editor.fill(
        "# House rules\n\nBe **kind**. <script>window.pwned = 1</script>\n\n[Ask us](mailto:admin@example.org) · [bad](javascript:window.pwned=2)",
      );
      const preview = page.getByRole("region", { name: "Preview" });
      await expect(preview.getByRole("heading", { name: "House rules" })).toBeVisible();
      await expect(preview.getByRole("link", { name: "Ask us" })).toHaveAttribute(
        "rel",
        "noopener noreferrer nofollow",
      );
      await expect(preview.getByRole("link", { name: "bad" })).toHaveCount(0);
      await screen(page, "legal", "admin-editor");
      await page.getByRole("button", { name: "Save as version 2" }).click();
      await expect(page.getByText("Saved: Terms of use, version 2.")).toBeVisible();
    });

    await test.step("/terms shows version 2, and nothing in it ran", async () => {
      await page.goto("/terms");
      await expect(page.getByRole("heading", { level: 1, name: "House rules" })).toBeVisible();
      await expect(page.getByText(/^Version 2 · updated /)).toBeVisible();
      await expect(page.getByText("bad", { exact: true })).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.locator("main script").count()).toBe(0);
      await screen(page, "legal", "terms-edited-signed-in");
    });
  } finally {
    // The documents are one per server: the other journeys see the defaults.
    await sql(`DELETE FROM "LegalDocument"`);
  }
});
