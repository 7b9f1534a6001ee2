import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { befriend, insertUser, mainNav, newPerson, screen, signIn } from "./helpers";

/** The bell in the top bar: its accessible name carries the unread count ("Notifications, 1 unread"). */
const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notifications/ });

test("friends see each other live: presence, typing, and a notification for a message sent elsewhere", async ({
  browser,
}) => {
  const avery = await insertUser("Avery");
  const blake = await insertUser("Blake");
  await befriend(avery.id, blake.id);
  const a = await newPerson(browser); // desktop
  await signIn(a.page, avery);

  const blakeRow = a.page
    .getByRole("list", { name: "Your friends" })
    .getByRole("listitem")
    .filter({ hasText: blake.displayName });
  const b = await newPerson(browser, { phone: true }); // 390×844

  await test.step("Avery's friends list shows Blake offline, then online as soon as Blake signs in", async () => {
    await mainNav(a.page)
      .getByRole("link", { name: /^Friends/ })
      .click();
    await a.page.waitForURL("**/friends");
    await expect(blakeRow).toBeVisible();
    await expect(blakeRow.getByRole("img", { name: "Online" })).toHaveCount(0);
    await expect(bell(a.page)).toHaveAccessibleName("Notifications");

    await signIn(b.page, blake);
    await expect(blakeRow.getByRole("img", { name: "Online" })).toBeVisible();
    await screen(a.page, "live", "desktop-friends-online");
  });

  let conversationId = "";
  const aBox = a.page.getByRole("textbox", { name: "Message", exact: true });
  const bBox = b.page.getByRole("textbox", { name: "Message", exact: true });

  await test.step("Both open their conversation; Avery sees Blake online and typing", async () => {
    await blakeRow.getByRole("link").click();
    await a.page.waitForURL(`**/u/${blake.username}`);
    await expect(a.page.getByText("Online", { exact: true })).toBeVisible();
    await a.page.getByRole("button", { name: "Message" }).click();
    await a.page.waitForURL("**/messages/*");
    conversationId = decodeURIComponent(new URL(a.page.url()).pathname.split("/").pop()!);
    await expect(a.page.getByRole("heading", { level: 1, name: blake.displayName })).toBeVisible();
    await expect(a.page.getByText("Online", { exact: true })).toBeVisible();
    await expect(aBox).toBeVisible();

    await b.page.goto(`/messages/${conversationId}`);
    await expect(b.page.getByRole("heading", { level: 1, name: avery.displayName })).toBeVisible();
    await bBox.pressSequentially("on my way", { delay: 40 });
    await expect(a.page.getByText(`${blake.displayName} is typing…`)).toBeVisible();
    await screen(a.page, "live", "desktop-typing");
  });

  await test.step("Avery leaves the thread; Blake's message raises a notification: the bell shows 1", async () => {
    const stoppedViewing = a.page.waitForResponse(
      (r) => r.url().includes("notifications.viewing") && (r.request().postData() ?? "").includes('"viewing":false'),
    );
    await mainNav(a.page).getByRole("link", { name: "Home" }).click();
    await a.page.waitForURL((url) => url.pathname === "/");
    await stoppedViewing;

    await bBox.press("Enter");
    await expect(b.page.getByRole("log", { name: "Messages" }).getByText("on my way")).toBeVisible();
    await expect(bell(a.page)).toHaveAccessibleName(/^Notifications\W*1 unread$/);
    await screen(b.page, "live", "phone-thread");
  });

  await test.step("The notification centre lists it; opening it goes to the conversation and clears the badge", async () => {
    await bell(a.page).click();
    await a.page.waitForURL("**/notifications");
    const item = a.page
      .getByRole("list", { name: "Notifications" })
      .getByRole("link", { name: new RegExp(`${blake.displayName} sent you a message`) });
    await expect(item).toBeVisible();
    await expect(item).toContainText("Unread");
    await screen(a.page, "live", "desktop-notifications");

    await item.click();
    await a.page.waitForURL(`**/messages/${conversationId}`);
    await expect(a.page.getByRole("log", { name: "Messages" }).getByText("on my way")).toBeVisible();
    await expect(bell(a.page)).toHaveAccessibleName("Notifications");
    // Blake's message ended the typing indicator.
    await expect(a.page.getByText(/is typing/)).toHaveCount(0);

    await bell(a.page).click();
    await expect(
      a.page.getByRole("list", { name: "Notifications" }).getByRole("link", { name: /sent you a message/ }),
    ).not.toContainText("Unread");
    await a.page.goBack();
    await a.page.waitForURL(`**/messages/${conversationId}`);
  });

  await test.step("Blake's notification centre is empty (on a phone, the bell is in the top bar)", async () => {
    await b.page.getByRole("link", { name: "Back to messages" }).click();
    await b.page.waitForURL("**/messages");
    await bell(b.page).click();
    await b.page.waitForURL("**/notifications");
    await expect(b.page.getByText("No notifications yet")).toBeVisible();
    await screen(b.page, "live", "phone-notifications-empty");
  });

  await test.step("Blake closes the app; Avery sees Blake offline, last seen just now", async () => {
    await expect(a.page.getByText("Online", { exact: true })).toBeVisible();
    await b.context.close();
    await expect(a.page.getByText("Last seen just now")).toBeVisible({ timeout: 20_000 });
    await expect(a.page.getByRole("img", { name: "Online" })).toHaveCount(0);
  });

  await a.context.close();
});
