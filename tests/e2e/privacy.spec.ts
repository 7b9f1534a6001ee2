import { expect, test } from "./fixtures";
import { insertUser, newPerson, screen, signIn, signInWithSession } from "./helpers";

// Settings → Account & security, on a phone: the archive the worker builds, then a deletion changed in time.
test("privacy rights: download my data, then delete my account and keep it after all", async ({ browser }) => {
  test.setTimeout(120_000);
  const ada = await insertUser("Ada");
  const { context, page } = await newPerson(browser, { phone: true });
  await signInWithSession(context, page, ada);
  await page.goto("/settings/security");

  await test.step("the worker prepares a zip of my data; the owner downloads it", async () => {
    await page.getByRole("button", { name: "Prepare my data" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Preparing your data…" })).toBeVisible();
    const download = page.getByRole("link", { name: "Download", exact: true });
    await expect(download).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/^Ready until /)).toBeVisible();
    const zip = await page.request.get((await download.getAttribute("href"))!);
    expect(zip.status()).toBe(200);
    expect((await zip.body()).subarray(0, 2).toString()).toBe("PK");
    await screen(page, "privacy", "export-ready-phone");
  });

  await test.step("deleting asks for the password, then signs out everywhere", async () => {
    await page.getByRole("button", { name: "Delete my account…" }).click();
    await page.getByLabel("Password", { exact: true }).fill(`${ada.password} nope`);
    await page.getByRole("button", { name: "Delete my account", exact: true }).click();
    await expect(page.getByText("That password is not right.")).toBeVisible();
    await page.getByLabel("Password", { exact: true }).fill(ada.password);
    await page.getByRole("button", { name: "Delete my account", exact: true }).click();
    await page.waitForURL("**/sign-in?notice=deletion-scheduled");
    await expect(page.getByText("Your account will be deleted after the grace period")).toBeVisible();
  });

  await test.step("signing in during the grace period shows when, and 'Keep my account' cancels it", async () => {
    await signIn(page, ada);
    const banner = page.getByRole("alert").filter({ hasText: "Your account will be deleted on" });
    await expect(banner).toBeVisible();
    await screen(page, "privacy", "deletion-banner-phone");
    await banner.getByRole("button", { name: "Keep my account" }).click();
    await expect(banner).toHaveCount(0);
    await page.goto("/settings/security");
    await expect(page.getByRole("button", { name: "Delete my account…" })).toBeVisible();
  });
  await context.close();
});
