import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_NO_JITSI_PORT, e2eEnv } from "./e2e-env";
import { befriend, insertUser, PHONE, screen, signInWithSession, sql } from "./helpers";

/**
 * Group calls with no Jitsi: the same build served by a second app server whose JITSI_DOMAIN is empty (the suite's
 * own server has the Jitsi test double's domain). Every entry point says why it is not there, and the admin page says
 * what to set.
 */
const origin = `http://localhost:${E2E_NO_JITSI_PORT}`;
const REASON = "Group calls need Jitsi — your admin can set it up.";
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  // Its output goes beside the other test results, for when it does not come up.
  const dir = test.info().project.outputDir;
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, "jitsi-off-server.log"), "w");
  const env: NodeJS.ProcessEnv = {
    ...e2eEnv(),
    NODE_ENV: "production",
    JITSI_DOMAIN: "",
    APP_URL: origin,
    AUTH_URL: origin,
  };
  server = spawn("node", ["--import", "tsx", "web/server.ts", "-p", String(E2E_NO_JITSI_PORT)], {
    cwd: new URL("../..", import.meta.url).pathname,
    env,
    stdio: ["ignore", log, log],
  });
  await expect
    .poll(async () => (await fetch(`${origin}/sign-in`).catch(() => null))?.status ?? 0, {
      timeout: 120_000,
      message: "the app without Jitsi answers",
    })
    .toBe(200);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test.use({ baseURL: origin });

/** A tRPC mutation through the page's session; returns the error message, if any. */
async function mutationError(page: Page, path: string, input: unknown): Promise<string | null> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await response.json()) as { error?: { json: { message: string } } };
  return body.error?.json.message ?? null;
}

test("without Jitsi, group calls, rooms and meetings say why they are not there, and the admin page says what to set", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const [ada, bob] = [await insertUser("Ada"), await insertUser("Bob")];
  await befriend(ada.id, bob.id);
  await sql(
    `UPDATE "User" SET role = 'ADMIN', "totpSecret" = 'JBSWY3DPEHPK3PXP', "totpEnabledAt" = now() WHERE id = $1`,
    [ada.id],
  );
  await signInWithSession(context, page, ada);

  await test.step("a group's thread: Start group call is there but unavailable, with the reason", async () => {
    const created = await page.request.post("/api/trpc/chat.createGroup", {
      data: { json: { name: "No video here", memberIds: [bob.id] } },
    });
    const { conversationId } = ((await created.json()) as { result: { data: { json: { conversationId: string } } } })
      .result.data.json;
    await page.goto(`/messages/${conversationId}`);
    const start = page.getByRole("button", { name: `Start group call: ${REASON}` });
    await expect(start).toBeVisible({ timeout: 30_000 }); // the server's first pages come slowly on a busy machine
    await expect(start).toHaveAttribute("aria-disabled", "true");
    await expect(start).toHaveAttribute("title", REASON);
    expect(await mutationError(page, "rooms.startGroupCall", { conversationId })).toBe(REASON);
    await screen(page, "jitsi-off", "group-thread");
  });

  await test.step("the profile room cannot be opened, and says why", async () => {
    await page.goto(`/u/${ada.username}`);
    await expect(page.getByRole("button", { name: "Open your room" })).toBeDisabled();
    await expect(page.getByRole("region", { name: "Room" }).getByText(REASON)).toBeVisible();
    await page.setViewportSize(PHONE);
    await screen(page, "jitsi-off", "profile-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step("Calls has no Meetings; /rooms offers no New meeting; /rooms/new says meetings are not available", async () => {
    await page.goto("/calls");
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Meetings" })).toHaveCount(0);
    await page.goto("/rooms");
    await expect(page.getByText(REASON)).toBeVisible();
    await expect(page.getByRole("link", { name: "New meeting" })).toHaveCount(0);
    await page.goto("/rooms/new");
    await expect(page.getByText("Meetings are not available")).toBeVisible();
  });

  await test.step("the admin's Jitsi page: not configured, and the variables to set", async () => {
    await page.goto("/admin/jitsi");
    await expect(page.getByRole("heading", { name: "Jitsi is not configured" })).toBeVisible();
    for (const name of ["JITSI_DOMAIN", "JITSI_APP_SECRET", "JITSI_WEBHOOK_SECRET"])
      await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
    await expect(page.getByText(`${origin}/api/jitsi/events`)).toBeVisible();
    await screen(page, "jitsi-off", "admin");
    await page.setViewportSize(PHONE);
    await screen(page, "jitsi-off", "admin-phone");
  });
});
