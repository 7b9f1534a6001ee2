import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { befriend, insertUser, mainNav, navigate, newPerson, screen, signInWithSession } from "./helpers";

/** The first element the Tab key reaches on a fresh page. */
async function firstTabStop(page: Page) {
  await page.locator("body").focus();
  await page.keyboard.press("Tab");
  return page.locator(":focus");
}

test("the app's frame: a skip link, five bottom tabs and a More menu on a phone, a sidebar and a wide main area on a desktop", async ({
  browser,
}) => {
  test.setTimeout(120_000); // two people, each a browser context
  const ada = await insertUser("Ada");
  const ben = await insertUser("Ben");
  await befriend(ada.id, ben.id);

  await test.step("phone: a skip link first, then at most five tabs; the rest is in a keyboard-usable More menu", async () => {
    const p = await newPerson(browser, { phone: true });
    await signInWithSession(p.context, p.page, ada);
    const skip = await firstTabStop(p.page);
    await expect(skip).toHaveText("Skip to content");
    await p.page.keyboard.press("Enter");
    await expect(p.page.locator("main#main")).toBeFocused();

    const tabs = mainNav(p.page).getByRole("listitem");
    await expect(tabs).toHaveCount(5);
    await expect(mainNav(p.page).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
    const more = mainNav(p.page).getByRole("button", { name: "More" });
    await expect(more).toHaveAttribute("aria-haspopup", "menu");
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await more.click();
    const menu = p.page.getByRole("menu", { name: "More" });
    await expect(menu.getByRole("menuitem")).toHaveText([
      "Profile",
      "Meetings",
      "Search",
      "Notifications",
      "Settings",
      "Sign out",
    ]);
    await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeFocused();
    await p.page.keyboard.press("End");
    await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
    await p.page.keyboard.press("ArrowDown"); // wraps to the top
    await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeFocused();
    await screen(p.page, "shell", "phone-more-menu");
    await p.page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();

    await navigate(p.page, "Settings");
    await p.page.waitForURL("**/settings/profile");
    // The settings tabs stay on one line and scroll sideways.
    const settingsTabs = p.page.getByRole("navigation", { name: "Settings" }).getByRole("link");
    const tops = await settingsTabs.evaluateAll((links) => links.map((l) => l.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    await p.page
      .getByRole("navigation", { name: "Settings" })
      .getByRole("link", { name: "Account & security" })
      .click();
    await p.page.waitForURL("**/settings/security");
    await screen(p.page, "shell", "phone-settings-security");

    await p.page.goto(`/u/${ben.username}`);
    await expect(p.page.getByRole("heading", { level: 1, name: ben.displayName })).toBeVisible();
    await expect(p.page.getByRole("button", { name: "Message" })).toBeVisible();
    await expect(p.page.getByRole("button", { name: "Start video call" })).toBeVisible();
    await p.page.getByRole("button", { name: "More actions" }).click();
    await expect(p.page.getByRole("menu", { name: "More actions" }).getByRole("menuitem")).toHaveText([
      "Unfriend",
      "Block",
    ]);
    await screen(p.page, "shell", "phone-profile-menu");
    await p.page.keyboard.press("Escape");

    await p.page.goto("/");
    await screen(p.page, "shell", "phone-home");
    await p.context.close();
  });

  await test.step("desktop: a sidebar with every destination, the current one marked, and a main area that uses the width", async () => {
    const d = await newPerson(browser);
    await d.page.setViewportSize({ width: 1280, height: 800 });
    await signInWithSession(d.context, d.page, ada);
    await expect(await firstTabStop(d.page)).toHaveText("Skip to content");
    const nav = mainNav(d.page);
    await expect(nav.getByRole("link")).toHaveText([
      "Home",
      "Messages",
      "Friends",
      "Calls",
      "Meetings",
      "Search",
      "Notifications",
      "Profile",
      "Settings",
    ]);
    await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
    await expect(d.page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
    const mainWidth = await d.page.locator("main#main").evaluate((m) => m.getBoundingClientRect().width);
    expect(mainWidth).toBeGreaterThan(900);
    await screen(d.page, "shell", "desktop-home");

    await nav.getByRole("link", { name: "Settings" }).click();
    await d.page.waitForURL("**/settings/profile");
    await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
    await d.page
      .getByRole("navigation", { name: "Settings" })
      .getByRole("link", { name: "Account & security" })
      .click();
    await screen(d.page, "shell", "desktop-settings-security");

    await d.page.goto(`/u/${ben.username}`);
    await d.page.getByRole("button", { name: "More actions" }).click();
    await screen(d.page, "shell", "desktop-profile-menu");
    await d.context.close();
  });
});
