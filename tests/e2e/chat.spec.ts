import { expect, test, watchCsp } from "./fixtures";
import { answerConfirm, befriend, insertUser, mainNav, newPerson, PHONE, screen, signIn, sql } from "./helpers";

const FIRST = "hello 👋 https://example.com <b>bold</b>";

test("two friends chat live: unread badge, read receipts, links as links and HTML as text, edits and deletes", async ({
  browser,
}) => {
  // No sign-ups through the form: both are inserted and sign in through the UI.
  const avery = await insertUser("Avery");
  const blake = await insertUser("Blake");
  await befriend(avery.id, blake.id);
  const a = await newPerson(browser); // desktop
  const b = await newPerson(browser, { phone: true }); // 390×844
  await signIn(a.page, avery);
  await signIn(b.page, blake);

  await test.step("Blake waits on Messages, with no conversations yet", async () => {
    await mainNav(b.page).getByRole("link", { name: "Messages" }).click();
    await b.page.waitForURL("**/messages");
    await expect(b.page.getByText("No conversations yet")).toBeVisible();
  });

  const aThread = a.page.getByRole("log", { name: "Messages" });
  const bThread = b.page.getByRole("log", { name: "Messages" });

  await test.step("Avery opens Blake's profile, chooses Message and sends the first message", async () => {
    await a.page.goto(`/u/${blake.username}`);
    await a.page.getByRole("button", { name: "Message" }).click();
    await a.page.waitForURL("**/messages/*");
    await expect(a.page.getByRole("heading", { level: 1, name: blake.displayName })).toBeVisible();
    await expect(a.page.getByText("No messages yet. Say hello!")).toBeVisible();
    const box = a.page.getByRole("textbox", { name: "Message", exact: true });
    await box.fill(FIRST);
    await box.press("Enter");
    await expect(aThread.getByText(FIRST)).toBeVisible();
    await expect(box).toHaveValue("");
    await expect(aThread.getByText("Sent", { exact: true })).toBeVisible();
  });

  await test.step("on a desktop the conversation list stays beside the thread; without one open, the pane asks to pick", async () => {
    const list = a.page.getByRole("list", { name: "Conversations" });
    await expect(list.getByRole("link", { name: new RegExp(blake.displayName) })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await screen(a.page, "chat", "desktop-two-panes");
    await mainNav(a.page).getByRole("link", { name: "Messages" }).click();
    await a.page.waitForURL("**/messages");
    await expect(a.page.getByRole("heading", { name: "Pick a conversation" })).toBeVisible();
    await expect(list.getByRole("link", { name: new RegExp(blake.displayName) })).not.toHaveAttribute(
      "aria-current",
      "page",
    );
    await screen(a.page, "chat", "desktop-pick-a-conversation");
    await list.getByRole("link", { name: new RegExp(blake.displayName) }).click();
    await a.page.waitForURL("**/messages/*");
    await expect(aThread.getByText(FIRST)).toBeVisible();
  });

  await test.step("Blake sees it arrive live, unread, without reloading", async () => {
    const row = b.page
      .getByRole("list", { name: "Conversations" })
      .getByRole("link", { name: new RegExp(avery.displayName) });
    await expect(row).toBeVisible();
    await expect(row).toContainText(FIRST);
    await expect(row).toContainText("1 unread");
    await expect(mainNav(b.page).getByRole("link", { name: /^Messages.*1 unread/ })).toBeVisible();
    await screen(b.page, "chat", "phone-list-unread");
    await row.click();
    await b.page.waitForURL("**/messages/*");
  });

  await test.step("Blake reads it: the link is a safe link, the markup is plain text", async () => {
    const message = bThread.getByRole("listitem").filter({ hasText: "hello 👋" });
    await expect(message).toContainText("<b>bold</b>");
    await expect(message.locator("b")).toHaveCount(0);
    const link = message.getByRole("link", { name: "https://example.com" });
    await expect(link).toHaveAttribute("href", "https://example.com/");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    await expect(mainNav(b.page).getByRole("link", { name: "Messages", exact: true })).toBeAttached(); // badge gone
  });

  await test.step("Avery sees “Seen” once Blake has the thread open", async () => {
    await expect(aThread.getByText("Seen", { exact: true })).toBeVisible();
  });

  await test.step("Blake replies; Avery sees the reply live", async () => {
    const box = b.page.getByRole("textbox", { name: "Message", exact: true });
    await box.fill("hi Avery 🙂 all good");
    await box.press("Enter");
    await expect(bThread.getByText("hi Avery 🙂 all good")).toBeVisible();
    await expect(aThread.getByText("hi Avery 🙂 all good")).toBeVisible();
    await screen(b.page, "chat", "phone-thread");
    await screen(a.page, "chat", "desktop-thread");
  });

  await test.step("Avery edits the message; Blake sees the new text marked “edited”", async () => {
    const message = aThread.getByRole("listitem").filter({ hasText: "hello 👋" });
    await message.hover();
    await message.getByRole("button", { name: "Edit" }).click();
    const editor = a.page.getByRole("textbox", { name: "Edit message" });
    await expect(editor).toHaveValue(FIRST);
    await editor.fill("hello again, edited 👋");
    await editor.press("Enter");
    await expect(aThread.getByText("hello again, edited 👋")).toBeVisible();
    const seenByBlake = bThread.getByRole("listitem").filter({ hasText: "hello again, edited 👋" });
    await expect(seenByBlake).toBeVisible();
    await expect(seenByBlake).toContainText("edited");
    await expect(bThread.getByText("<b>bold</b>")).toHaveCount(0);
  });

  await test.step("Avery deletes it; Blake sees “This message was deleted”", async () => {
    const message = aThread.getByRole("listitem").filter({ hasText: "hello again, edited" });
    await message.hover();
    await message.getByRole("button", { name: "Delete" }).click();
    await answerConfirm(a.page, "Delete this message?", "Delete");
    await expect(aThread.getByText("This message was deleted")).toBeVisible();
    await expect(bThread.getByText("This message was deleted")).toBeVisible();
    await expect(bThread.getByText("hello again, edited 👋")).toHaveCount(0);
    await screen(b.page, "chat", "phone-deleted");
  });

  await test.step("Blake's list shows the latest message and nothing unread", async () => {
    await b.page.getByRole("link", { name: "Back to messages" }).click();
    await b.page.waitForURL("**/messages");
    const row = b.page
      .getByRole("list", { name: "Conversations" })
      .getByRole("link", { name: new RegExp(avery.displayName) });
    await expect(row).toContainText("You: hi Avery 🙂 all good");
    await expect(row).not.toContainText("unread");
  });

  await test.step("a call Blake missed waits on Blake's Home and in Calls, each with Call back; New call offers Avery", async () => {
    const [member] = await sql<{ id: string }>(
      `SELECT "conversationId" AS id FROM "ConversationMember" WHERE "userId" = $1 LIMIT 1`,
      [blake.id],
    );
    await sql(
      `INSERT INTO "Call" (id, "conversationId", "callerId", "calleeId", status, "callerDeviceId", "createdAt", "endedAt") VALUES ($1, $2, $3, $4, 'MISSED', 'e2e-device', now(), now())`,
      [`e2e_missed_${Date.now()}`, member!.id, avery.id, blake.id],
    );
    // Written behind the app's back (no live event), so Home is loaded afresh rather than from the client's cache.
    await b.page.goto("/");
    const missed = b.page.locator("section", { has: b.page.getByRole("heading", { name: "Missed calls" }) });
    await expect(missed.getByText(avery.displayName)).toBeVisible();
    await expect(missed.getByRole("button", { name: `Call back ${avery.displayName}` })).toBeVisible();
    await screen(b.page, "chat", "phone-home-missed-call");
    await b.page.goto("/calls");
    const calls = b.page.getByRole("list", { name: "Calls" });
    await expect(calls.getByRole("button", { name: `Call back ${avery.displayName}` })).toBeVisible();
    await screen(b.page, "chat", "phone-calls");
    await b.page.getByRole("button", { name: "New call" }).click();
    const dialog = b.page.getByRole("dialog", { name: "New call" });
    await expect(dialog.getByRole("button", { name: `Call ${avery.displayName}` })).toBeVisible();
    await screen(b.page, "chat", "phone-new-call");
    await b.page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await a.page.goto("/calls");
    await expect(
      a.page.getByRole("list", { name: "Calls" }).getByRole("button", { name: `Call again ${blake.displayName}` }),
    ).toBeVisible();
    await screen(a.page, "chat", "desktop-calls");
  });

  await a.context.close();
  await b.context.close();
});

test("a photo and a file travel with a message, and a reaction comes back", async ({ browser }) => {
  const cleo = await insertUser("Cleo");
  const dara = await insertUser("Dara");
  await befriend(cleo.id, dara.id);
  const c = await newPerson(browser);
  const d = await newPerson(browser);
  await signIn(c.page, cleo);
  await signIn(d.page, dara);

  await c.page.goto(`/u/${dara.username}`);
  await c.page.getByRole("button", { name: "Message" }).click();
  await c.page.waitForURL("**/messages/*");
  const conversationUrl = c.page.url();
  const sharp = (await import("sharp")).default;
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#ea580c" } })
    .png()
    .toBuffer();
  await c.page.getByTestId("attachment-input").setInputFiles([
    { name: "sunset.png", mimeType: "image/png", buffer: png },
    { name: "plan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 e2e") },
  ]);
  await expect(c.page.getByRole("list", { name: "Files to send" }).getByText("uploading…")).toHaveCount(0);
  const box = c.page.getByRole("textbox", { name: "Message", exact: true });
  await box.fill("photos from last night");
  await box.press("Enter");

  await d.page.goto(conversationUrl);
  const thread = d.page.getByRole("log", { name: "Messages" });
  const photo = thread.getByRole("img", { name: "sunset.png" });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  await expect(thread.getByRole("link", { name: /plan\.pdf/ })).toBeVisible();
  const pdf = await d.page.request.get(
    await thread
      .getByRole("link", { name: /plan\.pdf/ })
      .getAttribute("href")
      .then((h) => h!),
  );
  expect(await pdf.text()).toBe("%PDF-1.4 e2e");

  // Someone who is not in the conversation gets nothing.
  const stranger = await d.page.context().browser()!.newContext();
  watchCsp(stranger);
  const denied = await stranger.request.get(
    new URL(await photo.getAttribute("src").then((s) => s!), d.page.url()).toString(),
    { maxRedirects: 0 },
  );
  expect(denied.status()).toBe(404);
  await stranger.close();

  await thread.getByText("photos from last night").hover();
  await thread.getByRole("button", { name: "React" }).click();
  await thread.getByRole("button", { name: "React with 👍" }).click();
  await expect(c.page.getByRole("log", { name: "Messages" }).getByRole("button", { name: "👍 1" })).toBeVisible();

  await test.step("a paste over the limit is kept whole and refused with the count, never cut", async () => {
    await box.fill("x".repeat(6000));
    await expect(
      c.page
        .getByRole("alert")
        .filter({ hasText: "Messages have at most 4,000 characters; this one has 6,000. Shorten it or split it." }),
    ).toBeVisible();
    await expect(c.page.getByRole("button", { name: "Send" })).toBeDisabled();
    await expect(box).toHaveValue("x".repeat(6000));
    await screen(c.page, "chat", "over-limit");
    await box.fill("");
  });

  await test.step("typing on while a message is on its way (a slow network) keeps every character", async () => {
    const sends = /\/api\/trpc\/chat\.send/;
    await c.page.route(sends, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await box.fill("sent first");
    await box.press("Enter");
    // Straight from the keyboard, as a person types: no waiting for the box to be ready.
    await c.page.keyboard.type("second typed immediately");
    await expect(thread.getByText("sent first")).toBeVisible();
    await expect(box).toHaveValue("second typed immediately");
    await c.page.unroute(sends);
    await box.fill("");
  });

  await test.step("by keyboard alone: Shift+Enter adds a line, Enter sends, Esc closes the reaction picker", async () => {
    await box.focus();
    await c.page.keyboard.type("first line");
    await c.page.keyboard.press("Shift+Enter");
    await c.page.keyboard.type("second line");
    await expect(box).toHaveValue("first line\nsecond line");
    await c.page.keyboard.press("Enter");
    const own = c.page.getByRole("log", { name: "Messages" });
    const sent = own.getByRole("listitem").filter({ hasText: "second line" });
    await expect(sent).toContainText("first line");
    await expect(sent.locator("time")).toBeVisible();
    await sent.getByRole("button", { name: "React" }).focus();
    await c.page.keyboard.press("Enter");
    await expect(sent.getByRole("button", { name: "React with 👍" })).toBeVisible();
    await c.page.keyboard.press("Escape");
    await expect(sent.getByRole("button", { name: "React with 👍" })).toHaveCount(0);
    await expect(box).toBeFocused();
  });

  await test.step("a message shows at once as Sending…, then as sent; a failed one says Not sent, and Retry sends it exactly once", async () => {
    const own = c.page.getByRole("log", { name: "Messages" });
    const sends = /\/api\/trpc\/[^?]*chat\.send/;
    let slowGo: () => void = () => undefined;
    const slowHeld = new Promise<void>((resolve) => (slowGo = resolve));
    await c.page.route(sends, async (route) => {
      const body = route.request().postData() ?? "";
      if (body.includes("through a flaky network")) return route.abort("failed");
      if (body.includes("slow but sure")) await slowHeld;
      return route.continue();
    });
    await box.fill("through a flaky network");
    await box.press("Enter");
    await box.fill("slow but sure");
    await box.press("Enter");
    const slow = own.getByRole("listitem").filter({ hasText: "slow but sure" });
    const flaky = own.getByRole("listitem").filter({ hasText: "through a flaky network" });
    await expect(slow).toContainText("Sending…");
    await expect(flaky).toContainText("Not sent");
    await expect(box).toHaveValue("");
    await screen(c.page, "chat", "desktop-pending-and-failed");
    await c.page.setViewportSize(PHONE);
    await screen(c.page, "chat", "phone-pending-and-failed");
    await c.page.setViewportSize({ width: 1280, height: 800 });
    slowGo();
    await expect(slow).not.toContainText("Sending…");
    await expect(slow.locator("time")).toBeVisible();
    await expect(own.getByText("slow but sure")).toHaveCount(1);
    await c.page.unroute(sends);
    await flaky.getByRole("button", { name: "Retry" }).click();
    await expect(flaky).not.toContainText("Not sent");
    await expect(flaky.locator("time")).toBeVisible();
    await expect(thread.getByText("through a flaky network")).toHaveCount(1);
    await expect(thread.getByText("slow but sure")).toHaveCount(1);
  });

  await test.step("an answer lost on the way back: the message still shows once, as sent, on both sides", async () => {
    const own = c.page.getByRole("log", { name: "Messages" });
    const sends = /\/api\/trpc\/[^?]*chat\.send/;
    // The server stores it and answers; the answer never arrives. The live stream brings the stored copy instead.
    await c.page.route(sends, async (route) => {
      await route.fetch();
      await route.abort("failed");
    });
    await box.fill("answer lost in transit");
    await box.press("Enter");
    const lost = own.getByRole("listitem").filter({ hasText: "answer lost in transit" });
    await expect(lost.locator("time")).toBeVisible();
    await expect(lost).not.toContainText("Not sent");
    await c.page.unroute(sends);
    await expect(own.getByText("answer lost in transit")).toHaveCount(1);
    await d.page.reload();
    await expect(thread.getByText("answer lost in transit")).toHaveCount(1);
    await expect(thread.getByText("through a flaky network")).toHaveCount(1);
  });

  await test.step("a file ClamAV flags is refused by name and taken off the message; the text stays to send", async () => {
    // The EICAR anti-virus test string, in two halves so that no scanner flags this source file.
    const eicar = ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-", "STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join("");
    await c.page
      .getByTestId("attachment-input")
      .setInputFiles([{ name: "invoice.txt", mimeType: "text/plain", buffer: Buffer.from(`${eicar}\n`) }]);
    const files = c.page.getByRole("list", { name: "Files to send" });
    await expect(files.getByText("invoice.txt")).toBeVisible();
    await expect(files.getByText("uploading…")).toHaveCount(0);
    await box.fill("the invoice you asked for");
    await box.press("Enter");
    await expect(
      c.page.getByRole("alert").filter({ hasText: '"invoice.txt" looks like malware and was removed.' }),
    ).toBeVisible();
    await expect(files).toHaveCount(0);
    await expect(box).toHaveValue("the invoice you asked for");
    await screen(c.page, "chat", "malware-refused");
    await box.press("Enter");
    await expect(thread.getByText("the invoice you asked for")).toBeVisible();
    await expect(thread.getByText("invoice.txt")).toHaveCount(0);
  });
});
