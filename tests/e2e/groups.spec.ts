import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { answerConfirm, befriend, insertUser, newPerson, screen, signIn, token } from "./helpers";

const groupInfo = (page: Page) => page.getByRole("dialog", { name: "Group info" });

test("an admin runs a group: create, rename, add, remove (who sees they are out); a member leaves; search finds a message and opens it", async ({
  browser,
}) => {
  test.setTimeout(120_000); // four people, each signing in
  const ada = await insertUser("Ada");
  const ben = await insertUser("Ben");
  const cy = await insertUser("Cy");
  const dee = await insertUser("Dee");
  for (const friend of [ben, cy, dee]) await befriend(ada.id, friend.id);
  const a = await newPerson(browser); // desktop
  const b = await newPerson(browser, { phone: true }); // 390×844
  const c = await newPerson(browser);
  await signIn(a.page, ada);
  await signIn(b.page, ben);
  await signIn(c.page, cy);
  const firstName = `Book club ${token(4)}`;
  const newName = `Readers ${token(4)}`;
  let groupUrl = "";

  await test.step("Ada creates a group with Ben and Cy", async () => {
    await a.page.goto("/messages");
    await a.page.getByRole("button", { name: "New group" }).click();
    const dialog = a.page.getByRole("dialog", { name: "New group" });
    await dialog.getByLabel("Group name").fill(firstName);
    await dialog.getByRole("checkbox", { name: new RegExp(ben.displayName) }).check();
    await dialog.getByRole("checkbox", { name: new RegExp(cy.displayName) }).check();
    await dialog.getByRole("button", { name: "Create group" }).click();
    await a.page.waitForURL("**/messages/*");
    await expect(a.page.getByRole("heading", { level: 1, name: firstName })).toBeVisible();
    await expect(a.page.getByText("3 members")).toBeVisible();
    groupUrl = new URL(a.page.url()).pathname;
  });

  await test.step("Ada renames it; an empty name is refused inline", async () => {
    await a.page.getByRole("button", { name: "Group info" }).click();
    const info = groupInfo(a.page);
    await expect(info.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(3);
    await expect(info.getByRole("listitem").filter({ has: a.page.getByText("You", { exact: true }) })).toContainText(
      "Admin",
    );
    await info.getByRole("button", { name: "Rename" }).click();
    await info.getByLabel("Group name").fill("   ");
    await info.getByRole("button", { name: "Save" }).click();
    await expect(info.getByText("Give the group a name.")).toBeVisible();
    await info.getByLabel("Group name").fill(newName);
    await info.getByRole("button", { name: "Save" }).click();
    await expect(info.getByText(newName, { exact: true })).toBeVisible();
    await expect(a.page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
    await expect(
      a.page.getByRole("log", { name: "Messages" }).getByText(`renamed the group to “${newName}”`),
    ).toBeVisible();
  });

  await test.step("Ada adds Dee (only friends who are not members are offered)", async () => {
    const info = groupInfo(a.page);
    await info.getByRole("button", { name: "Add people" }).click();
    const picker = info.getByRole("form", { name: "Add people" });
    await expect(picker.getByRole("checkbox")).toHaveCount(1);
    await picker.getByRole("checkbox", { name: new RegExp(dee.displayName) }).check();
    await picker.getByRole("button", { name: "Add 1" }).click();
    await expect(info.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(4);
    await expect(info.getByRole("heading", { name: "4 members" })).toBeVisible();
    await screen(a.page, "groups", "desktop-group-info");
  });

  await test.step("Ada removes Cy, who is looking at the group and sees they are out", async () => {
    await c.page.goto(groupUrl);
    await expect(c.page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
    const info = groupInfo(a.page);
    await info.getByRole("button", { name: `Remove ${cy.displayName}` }).click();
    await answerConfirm(a.page, `Remove ${cy.displayName} from “${newName}”?`, "Remove");
    await expect(info).toBeVisible(); // answering the question leaves Group info open
    await expect(info.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(3);
    await expect(a.page.getByRole("log", { name: "Messages" }).getByText(`removed ${cy.displayName}`)).toBeVisible();
    await expect(c.page.getByText("You are no longer in this group")).toBeVisible();
    await c.page.goto("/messages");
    await expect(c.page.getByRole("link", { name: new RegExp(newName) })).toHaveCount(0);
    await info.getByRole("button", { name: "Close" }).click();
  });

  await test.step("Ben, a member, opens the group info on his phone: sees who is admin, and no Remove or Rename", async () => {
    await b.page.goto("/messages");
    await b.page
      .getByRole("list", { name: "Conversations" })
      .getByRole("link", { name: new RegExp(newName) })
      .click();
    await b.page.waitForURL(`**${groupUrl}`);
    await b.page.getByRole("button", { name: "Group info" }).click();
    const info = groupInfo(b.page);
    await expect(info.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(3);
    await screen(b.page, "groups", "phone-group-info");
    await expect(info.getByRole("listitem").filter({ hasText: ada.displayName })).toContainText("Admin");
    await expect(
      info.getByRole("listitem").filter({ has: b.page.getByText("You", { exact: true }) }),
    ).not.toContainText("Admin");
    await expect(info.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(info.getByRole("button", { name: "Rename" })).toHaveCount(0);
    await expect(info.getByRole("button", { name: "Add people" })).toBeVisible();
  });

  await test.step("Ben leaves the group and is back on Messages without it", async () => {
    await groupInfo(b.page).getByRole("button", { name: "Leave group" }).click();
    await answerConfirm(b.page, `Leave “${newName}”?`, "Leave");
    await b.page.waitForURL((url) => url.pathname === "/messages");
    await expect(b.page.getByRole("link", { name: new RegExp(newName) })).toHaveCount(0);
    await expect(a.page.getByRole("log", { name: "Messages" }).getByText(`${ben.displayName} left`)).toBeVisible();
    await expect(a.page.getByText("2 members")).toBeVisible();
  });

  const word = `zeb${token(8)}`;
  const text = `Next meeting is at the ${word} library, bring snacks`;

  await test.step("Ada sends a message, then finds it from Messages by a word prefix", async () => {
    const box = a.page.getByRole("textbox", { name: "Message", exact: true });
    await box.fill(text);
    await box.press("Enter");
    await expect(a.page.getByRole("log", { name: "Messages" }).getByText(text)).toBeVisible();
    await a.page.goto("/messages");
    await a.page.getByRole("searchbox", { name: "Search messages" }).fill(word.slice(0, 7));
    const results = a.page.getByRole("list", { name: "Message search results" });
    const hit = results.getByRole("link", { name: new RegExp(newName) });
    await expect(hit).toHaveCount(1);
    await expect(hit).toContainText("You:");
    await expect(hit.locator("mark")).toHaveText(word);
    await screen(a.page, "groups", "desktop-search");
    await hit.click();
    await a.page.waitForURL((url) => url.pathname === groupUrl && url.hash.startsWith("#message-"));
    const id = new URL(a.page.url()).hash.slice(1);
    const message = a.page.locator(`#${id}`);
    await expect(message).toContainText(text);
    await expect(message).toHaveAttribute("data-highlighted", "true");
    await expect(message).toBeInViewport();
  });

  await test.step("Ben's search (phone) does not find messages of the group he left after leaving", async () => {
    await b.page.getByRole("searchbox", { name: "Search messages" }).fill(word);
    await expect(b.page.getByText(`No messages match “${word}”.`)).toBeVisible();
    await screen(b.page, "groups", "phone-search-empty");
  });

  await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
});
