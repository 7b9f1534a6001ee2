import { expect, test } from "./fixtures";
import { answerConfirm, blockFromProfile, insertUser, mainNav, newPerson, screen, search, signIn } from "./helpers";

test("blocking a friend hides each from the other until unblocked", async ({ browser }) => {
  // Two people made in the database (no sign-up allowance used), who sign in through the form.
  const casey = await insertUser("Casey");
  const drew = await insertUser("Drew");
  const a = await newPerson(browser);
  const b = await newPerson(browser);
  await signIn(a.page, casey);
  await signIn(b.page, drew);

  await test.step("they become friends through the profile buttons", async () => {
    await a.page.goto(`/u/${drew.username}`);
    await a.page.getByRole("button", { name: "Add friend" }).click();
    await expect(a.page.getByRole("button", { name: "Cancel request" })).toBeVisible();

    await b.page.goto(`/u/${casey.username}`);
    await b.page.getByRole("button", { name: "Accept request" }).click();
    await expect(b.page.getByText("✓ Friends")).toBeVisible();
    await a.page.reload();
    await expect(a.page.getByText("✓ Friends")).toBeVisible();
  });

  await test.step("Casey blocks Drew from the … menu on Drew's profile, confirming in the app's dialog", async () => {
    const more = a.page.getByRole("button", { name: "More actions" });
    await expect(more).toHaveAttribute("aria-haspopup", "menu");
    // The menu by keyboard: ArrowDown opens it on the first item, Esc closes it and returns focus to the button.
    await more.focus();
    await a.page.keyboard.press("ArrowDown");
    await expect(more).toHaveAttribute("aria-expanded", "true");
    await expect(a.page.getByRole("menuitem", { name: "Unfriend" })).toBeFocused();
    await a.page.keyboard.press("ArrowDown");
    await expect(a.page.getByRole("menuitem", { name: "Block" })).toBeFocused();
    await a.page.keyboard.press("Escape");
    await expect(a.page.getByRole("menu")).toBeHidden();
    await expect(more).toBeFocused();
    // Cancelling the confirmation changes nothing, and focus comes back to the menu button.
    await more.click();
    await a.page.getByRole("menuitem", { name: "Block" }).click();
    await answerConfirm(a.page, `Block ${drew.displayName}?`, "Cancel");
    await expect(more).toBeFocused();
    await expect(a.page.getByText("✓ Friends")).toBeVisible();
    await more.click();
    await screen(a.page, "blocking", "desktop-profile-menu");
    await a.page.keyboard.press("Escape");
    await blockFromProfile(a.page, drew.displayName);
    await a.page.waitForURL("**/friends?tab=blocked");
    const blocked = a.page.getByRole("list", { name: "Blocked people" });
    await expect(blocked.getByRole("listitem").filter({ hasText: drew.displayName })).toContainText(
      `@${drew.username}`,
    );
    await expect(a.page.getByRole("tab", { name: "Blocked" })).toHaveAttribute("aria-selected", "true");
    // The friendship ended.
    await a.page.getByRole("tab", { name: "Friends" }).click();
    await expect(a.page.getByText("No friends yet")).toBeVisible();
  });

  await test.step("Drew can no longer find, see or befriend Casey", async () => {
    const results = await search(b.page, casey.nameToken);
    await expect(b.page.getByText(`No one matches “${casey.nameToken}”`)).toBeVisible();
    await expect(results).toHaveCount(0);
    await search(b.page, casey.username);
    await expect(b.page.getByText(`No one matches “${casey.username}”`)).toBeVisible();

    await b.page.goto(`/u/${casey.username}`);
    await expect(b.page.getByText("This profile isn't available")).toBeVisible();
    await expect(b.page.getByRole("button", { name: "Add friend" })).toHaveCount(0);
    await expect(b.page.getByText(casey.displayName)).toHaveCount(0);

    await mainNav(b.page)
      .getByRole("link", { name: /^Friends/ })
      .click();
    await expect(b.page.getByText("No friends yet")).toBeVisible();

    // Even a hand-made request (the API the buttons use) is refused, and it leaves nothing behind.
    const response = await b.page.request.post("/api/trpc/friends.sendRequest?batch=1", {
      data: { 0: { json: { userId: casey.id } } },
    });
    expect(response.ok()).toBe(false);
    expect(await response.text()).toContain("NOT_FOUND"); // refused exactly as for someone who does not exist
    await a.page.getByRole("tab", { name: "Requests" }).click();
    await expect(a.page.getByText("No pending requests.")).toBeVisible();
  });

  await test.step("Casey unblocks Drew from Friends → Blocked", async () => {
    await a.page.getByRole("tab", { name: "Blocked" }).click();
    const row = a.page
      .getByRole("list", { name: "Blocked people" })
      .getByRole("listitem")
      .filter({ hasText: drew.displayName });
    await row.getByRole("button", { name: "Unblock" }).click();
    await expect(a.page.getByText("You haven't blocked anyone")).toBeVisible();

    // Drew can find Casey again (as a stranger: the friendship does not come back).
    const results = await search(b.page, casey.nameToken);
    const hit = results.getByRole("listitem").filter({ hasText: casey.displayName });
    await expect(hit.getByRole("button", { name: "Add friend" })).toBeVisible();
  });

  await a.context.close();
  await b.context.close();
});
