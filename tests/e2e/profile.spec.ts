import { expect, test } from "./fixtures";
import sharp from "sharp";
import { insertUser, navigate, newPerson, newUser, signIn, signUp, token } from "./helpers";

test("editing the profile, uploading a photo and limiting who sees it", async ({ browser }) => {
  test.setTimeout(120_000); // sign-up through the emailed link, as a newcomer does
  const owner = newUser("Indigo");
  const o = await newPerson(browser);
  const dialogs: string[] = [];
  o.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signUp(o.page, owner); // 1 of the suite's 9 sign-ups

  const newName = `Indigo Rivers ${token(6)}`;
  const bio = `Hello! <script>alert(1)</script> & <b>not bold</b>`;

  await test.step("display name and bio are saved and shown as plain text", async () => {
    await navigate(o.page, "Settings");
    await o.page.waitForURL("**/settings/profile");
    const form = o.page.locator("form", { has: o.page.getByRole("button", { name: "Save profile" }) });
    await expect(form.getByLabel("Display name")).toHaveValue(owner.displayName);
    await form.getByLabel("Display name").fill(newName);
    // Over the limit, the bio is kept whole and refused with the count (never cut at 500 behind the writer's back).
    await form.getByLabel("Bio").fill("b".repeat(501));
    await expect(form.getByLabel("Bio")).toHaveAccessibleDescription(
      /Bios have at most 500 characters; this one has 501\. Shorten it\./,
    );
    await expect(form.getByLabel("Bio")).toHaveValue("b".repeat(501));
    await form.getByLabel("Bio").fill(bio);
    await form.getByRole("button", { name: "Save profile" }).click();
    await expect(o.page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();

    await navigate(o.page, "Profile");
    await o.page.waitForURL(`**/u/${owner.username}`);
    await expect(o.page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
    await expect(o.page.getByText(bio, { exact: true })).toBeVisible();
    await expect(o.page.locator("b", { hasText: "not bold" })).toHaveCount(0);
    await o.page.reload(); // server-rendered too
    await expect(o.page.getByText(bio, { exact: true })).toBeVisible();
    expect(dialogs, "no script from the bio ran").toEqual([]);
  });

  await test.step("a photo uploaded through the file input becomes the avatar", async () => {
    await o.page.goto("/settings/profile");
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 234, g: 88, b: 12 } } })
      .png()
      .toBuffer();
    await expect(o.page.getByRole("button", { name: "Upload photo" })).toBeVisible();
    await o.page.getByTestId("avatar-input").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
    const avatar = o.page.getByRole("main").locator('img[src^="/api/avatars/"]');
    await expect(avatar).toBeVisible();
    await expect(o.page.getByRole("button", { name: "Change photo" })).toBeVisible();
    await expect(o.page.getByRole("button", { name: "Remove" })).toBeVisible();
    // The image really loads (served by the app from S3, resized to a square).
    await expect
      .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    const size = await avatar.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size[0]).toBe(size[1]);

    await o.page.goto(`/u/${owner.username}`);
    await expect(o.page.getByRole("main").locator('img[src^="/api/avatars/"]')).toBeVisible();
  });

  const stranger = await insertUser("Jules");
  await test.step("a stranger sees the whole profile while it is open to everyone", async () => {
    const s = await newPerson(browser);
    await signIn(s.page, stranger);
    await s.page.goto(`/u/${owner.username}`);
    await expect(s.page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
    await expect(s.page.getByText(bio, { exact: true })).toBeVisible();
    await expect(s.page.getByRole("main").locator('img[src^="/api/avatars/"]')).toBeVisible();
    await expect(s.page.getByText(/Joined/)).toBeVisible();
    await s.context.close();
  });

  await test.step("with “Friends only”, a stranger sees just the name, photo and a notice", async () => {
    await o.page.goto("/settings/profile");
    const visibility = o.page.getByLabel("Who can see my profile");
    await expect(visibility).toHaveValue("EVERYONE");
    await visibility.selectOption({ label: "Friends only" });
    await o.page.getByRole("button", { name: "Save privacy settings" }).click();
    await expect(o.page.getByRole("status").filter({ hasText: "Privacy settings saved." })).toBeVisible();
    await o.page.reload();
    await expect(o.page.getByLabel("Who can see my profile")).toHaveValue("FRIENDS");

    const s = await newPerson(browser);
    await signIn(s.page, stranger);
    await s.page.goto(`/u/${owner.username}`);
    await expect(s.page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
    await expect(s.page.getByText(`${newName} shares their profile only with some people.`)).toBeVisible();
    await expect(s.page.getByText(bio)).toHaveCount(0);
    await expect(s.page.getByText(/Joined/)).toHaveCount(0); // no join date or friend count either
    // Friend requests are still open to everyone.
    await expect(s.page.getByRole("button", { name: "Add friend" })).toBeVisible();
    await s.context.close();
  });

  await o.context.close();
});
