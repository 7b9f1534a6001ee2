import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { mainNav, navigate, newPerson, newUser, search, signUp } from "./helpers";

/** A full-page screenshot at the phone viewport into test-results/screens/, for a human to look at. */
async function screen(page: Page, name: string) {
  const dir = join(test.info().project.outputDir, "screens");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

test("two new people find each other, become friends and see it everywhere", async ({ browser }) => {
  test.setTimeout(120_000); // sign-up through the emailed link, as a newcomer does
  // Two sign-ups through the form (2 of the suite's 9).
  const avery = newUser("Avery");
  const blake = newUser("Blake");
  const a = await newPerson(browser, { phone: true }); // Avery uses a phone: the bottom navigation and the screenshots
  const b = await newPerson(browser);
  await signUp(a.page, avery);
  await signUp(b.page, blake);
  // Nothing needs Avery yet: one way on, not a dead end.
  await expect(a.page.getByRole("heading", { name: "You're all caught up" })).toBeVisible();
  await expect(a.page.getByRole("link", { name: "Find friends" })).toBeVisible();
  await screen(a.page, "home-empty");

  await test.step("Avery finds Blake by part of the display name and sends a request", async () => {
    const results = await search(a.page, blake.nameToken);
    const row = results.getByRole("listitem").filter({ hasText: blake.displayName });
    await expect(row).toBeVisible();
    await expect(row.getByText(`@${blake.username}`)).toBeVisible();
    await screen(a.page, "search-results");
    const sent = a.page.waitForResponse(
      (r) => r.url().includes("friends.sendRequest") && r.request().method() === "POST",
    );
    await row.getByRole("button", { name: "Add friend" }).click();
    expect((await sent).ok()).toBe(true);
    // The request is listed under Friends → Requests → Sent.
    await mainNav(a.page)
      .getByRole("link", { name: /^Friends/ })
      .click();
    await a.page.getByRole("tab", { name: /^Requests/ }).click();
    await expect(a.page.getByRole("list", { name: "Sent requests" }).getByText(blake.displayName)).toBeVisible();
  });

  await test.step("Blake sees the request (badge, home card, Requests tab) and accepts it", async () => {
    await b.page.goto("/");
    await expect(mainNav(b.page).getByRole("link", { name: /^Friends.*1 pending/ })).toBeVisible();
    const card = b.page.locator("section", { has: b.page.getByRole("heading", { name: "Friend requests" }) });
    await expect(card.getByText(avery.displayName)).toBeVisible();
    await mainNav(b.page)
      .getByRole("link", { name: /^Friends/ })
      .click();
    await b.page.getByRole("tab", { name: "Requests (1)" }).click();
    const received = b.page.getByRole("list", { name: "Received requests" });
    const row = received.getByRole("listitem").filter({ hasText: avery.displayName });
    await row.getByRole("button", { name: "Accept" }).click();
    await expect(b.page.getByText("No pending requests.")).toBeVisible();
    await expect(b.page.getByRole("tab", { name: "Requests", exact: true })).toBeVisible();
    await expect(mainNav(b.page).getByRole("link", { name: "Friends", exact: true })).toBeVisible(); // the badge is gone
  });

  await test.step("both see each other in their friends list", async () => {
    await b.page.getByRole("tab", { name: "Friends" }).click();
    await expect(b.page.getByRole("list", { name: "Your friends" }).getByText(avery.displayName)).toBeVisible();

    await a.page.goto("/friends");
    const list = a.page.getByRole("list", { name: "Your friends" });
    await expect(list.getByText(blake.displayName)).toBeVisible();
    await expect(list.getByRole("button", { name: `Message ${blake.displayName}` })).toBeVisible();
    await expect(list.getByRole("button", { name: `Call ${blake.displayName}` })).toBeVisible();
    await screen(a.page, "friends-list");
  });

  await test.step("both see “✓ Friends” on the other's profile", async () => {
    await a.page
      .getByRole("list", { name: "Your friends" })
      .getByRole("link", { name: new RegExp(blake.displayName) })
      .click();
    await a.page.waitForURL(`**/u/${blake.username}`);
    await expect(a.page.getByRole("heading", { level: 1, name: blake.displayName })).toBeVisible();
    await expect(a.page.getByText("✓ Friends")).toBeVisible();
    await expect(a.page.getByText("1 friend", { exact: false })).toBeVisible();
    await screen(a.page, "profile-friend");

    await b.page.goto(`/u/${avery.username}`);
    await expect(b.page.getByRole("heading", { level: 1, name: avery.displayName })).toBeVisible();
    await expect(b.page.getByText("✓ Friends")).toBeVisible();
  });

  await test.step("search now labels the other as a friend, without an Add friend button", async () => {
    const results = await search(a.page, blake.nameToken);
    const row = results.getByRole("listitem").filter({ hasText: blake.displayName });
    await expect(row).toContainText(`@${blake.username} · Friend`);
    await expect(row.getByRole("button", { name: "Add friend" })).toHaveCount(0);
  });

  await test.step("phone screenshots of home, own profile and settings", async () => {
    await mainNav(a.page).getByRole("link", { name: "Home" }).click();
    await expect(a.page.getByRole("heading", { name: `Hi, ${avery.displayName}` })).toBeVisible();
    const online = a.page.locator("section", { has: a.page.getByRole("heading", { name: "Friends online" }) });
    await expect(online.getByText(blake.displayName)).toBeVisible();
    await expect(online.getByRole("button", { name: `Call ${blake.displayName}` })).toBeVisible();
    await expect(a.page.getByRole("heading", { name: "You're all caught up" })).toHaveCount(0);
    await screen(a.page, "home");
    await b.page.goto("/");
    await expect(b.page.getByRole("heading", { name: "Friends online" })).toBeVisible();
    await screen(b.page, "home-desktop");
    await navigate(a.page, "Profile"); // in the More menu on a phone
    await expect(a.page.getByRole("link", { name: "Edit profile" })).toBeVisible();
    await screen(a.page, "profile-own");
    await navigate(a.page, "Settings");
    await expect(a.page.getByRole("button", { name: "Save privacy settings" })).toBeVisible();
    await screen(a.page, "settings-profile");
    await a.page
      .getByRole("navigation", { name: "Settings" })
      .getByRole("link", { name: "Account & security" })
      .click();
    await expect(a.page.getByRole("button", { name: "Set up two-factor authentication" })).toBeVisible();
    await screen(a.page, "settings-security");
  });

  await test.step("from Home, Message on an online friend opens the conversation in one step", async () => {
    await mainNav(a.page).getByRole("link", { name: "Home" }).click();
    const online = a.page.locator("section", { has: a.page.getByRole("heading", { name: "Friends online" }) });
    await online.getByRole("button", { name: `Message ${blake.displayName}` }).click();
    await a.page.waitForURL("**/messages/*");
    await expect(a.page.getByRole("heading", { level: 1, name: blake.displayName })).toBeVisible();
  });

  await a.context.close();
  await b.context.close();
});
