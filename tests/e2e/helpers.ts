import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { hashPassword } from "../../web/src/server/services/accounts/password-hash";
import { messagesTo, type SinkMessage } from "../helpers/mail-sink";
import { E2E_PORT, e2eEnv } from "./e2e-env";
import { watchCsp } from "./fixtures";

/**
 * Shared steps for the browser journeys. The whole suite stays within the per-IP sign-up limit (10 an hour,
 * and every browser request comes from 127.0.0.1): at most 9 sign-ups go through the /sign-up form; other
 * people a journey needs are inserted into the test database with `insertUser` and sign in through the UI, or, in
 * journeys about something else, with `signInWithSession` (the sign-in limit is per IP too).
 */

export const PHONE = { width: 390, height: 844 } as const;

/** A short random token: letters and digits, never a real word, so a search for it matches only its owner. */
export const token = (length = 8) => {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join("");
};

export interface E2EUser {
  email: string;
  username: string;
  displayName: string;
  password: string;
  /** A unique part of the display name (not in the username), for searches by name. */
  nameToken: string;
}

/** A fresh, unique person. `firstName` starts the display name, e.g. "Avery" → "Avery k3mz8qpt". */
export function newUser(firstName: string): E2EUser {
  const nameToken = token();
  const username = `e2e_${token(10)}`;
  return {
    email: `${username}@example.test`,
    username,
    displayName: `${firstName} ${nameToken}`,
    password: `amber lantern ${token(6)} river`,
    nameToken,
  };
}

/**
 * Signs up through the /sign-up form as a newcomer does: "Check your email", the emailed link confirms the address,
 * then signing in lands on the welcome page.
 */
export async function signUp(page: Page, user: E2EUser): Promise<void> {
  await page.goto("/sign-up");
  await fillSignUpForm(page, user);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await linkFromMail(user.email, /^Confirm your email/);
  await page.goto(link.toString());
  await expect(page.getByText("Your email address is confirmed")).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByText("Your email is confirmed. Sign in to continue.")).toBeVisible();
  await submitSignIn(page, user.email, user.password);
  await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("welcome") === "1");
  await expect(page.getByRole("heading", { name: `Hi, ${user.displayName}` })).toBeVisible();
  await expect(page.getByText("Welcome to Hearth!")).toBeVisible();
}

export async function fillSignUpForm(
  page: Page,
  user: Pick<E2EUser, "email" | "username" | "displayName" | "password">,
): Promise<void> {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Display name").fill(user.displayName);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("checkbox", { name: "I agree to the Terms and Privacy policy" }).check();
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Fills and submits the sign-in form (without waiting for the outcome). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signIn(page: Page, user: Pick<E2EUser, "email" | "password" | "displayName">): Promise<void> {
  await submitSignIn(page, user.email, user.password);
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { name: `Hi, ${user.displayName}` })).toBeVisible();
}

/** A new browser context (own cookies) with one page; phone-sized when asked. */
export async function newPerson(
  browser: Browser,
  options: { phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options.phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {});
  watchCsp(context);
  return { context, page: await context.newPage() };
}

/**
 * Signs a person in by giving their browser context the session cookie Auth.js would set (a JWE made with the e2e
 * AUTH_SECRET), for journeys that are about something else: every sign-in through the form counts against the
 * per-IP sign-in limit, and the whole suite runs from 127.0.0.1. The form itself is covered by the account specs.
 */
export async function signInWithSession(
  context: BrowserContext,
  page: Page,
  user: { id: string; displayName: string },
): Promise<void> {
  const cookieName = "authjs.session-token";
  const value = await encode({
    token: { sub: user.id, uid: user.id, sv: 0, sid: randomUUID(), since: Date.now() },
    secret: e2eEnv().AUTH_SECRET!,
    salt: cookieName,
    maxAge: 3600,
  });
  await context.addCookies([
    { name: cookieName, value, url: `http://localhost:${E2E_PORT}`, httpOnly: true, sameSite: "Lax" },
  ]);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: `Hi, ${user.displayName}` })).toBeVisible();
}

/** The visible main navigation (the sidebar on wide screens, the bottom tabs on phones). */
export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/**
 * Follows a main-navigation destination by its label: a sidebar link or bottom tab, or, on a phone, an item in the
 * bottom bar's "More" menu (Profile, Meetings, Search, Notifications, Settings, Admin, Sign out live there).
 */
export async function navigate(page: Page, label: string): Promise<void> {
  const name = new RegExp(`^${label}`);
  const link = mainNav(page).getByRole("link", { name });
  if (await link.isVisible()) return link.click();
  await mainNav(page).getByRole("button", { name: "More" }).click();
  await page.getByRole("menu", { name: "More" }).getByRole("menuitem", { name }).click();
}

/** Answers the app's confirmation dialog (an alertdialog named by its question) with one of its buttons. */
export async function answerConfirm(page: Page, question: string | RegExp, button: string): Promise<void> {
  const dialog = page.getByRole("alertdialog", { name: question });
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Blocks the person whose profile is open: the "More actions" menu's Block, then the confirmation. */
export async function blockFromProfile(page: Page, displayName: string): Promise<void> {
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menu", { name: "More actions" }).getByRole("menuitem", { name: "Block" }).click();
  await answerConfirm(page, `Block ${displayName}?`, "Block");
}

/** Searches on the Search page and returns the results list. */
export async function search(page: Page, query: string) {
  await navigate(page, "Search");
  await page.waitForURL("**/search**");
  await page.getByRole("searchbox", { name: "Search by name or username" }).fill(query);
  return page.getByRole("list", { name: "Search results" });
}

const db = () => new pg.Client({ connectionString: e2eEnv().DATABASE_URL });

/** One query on the e2e database (for setting up and checking what a journey cannot see on screen). */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = db();
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Inserts a verified account straight into the test database (no sign-up, so no sign-up allowance used). */
export async function insertUser(firstName: string): Promise<E2EUser & { id: string }> {
  const user = newUser(firstName);
  const id = `e2e${randomUUID().replace(/-/g, "")}`;
  const client = db();
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "User" (id, email, "emailVerifiedAt", "passwordHash", username, "usernameKey", "displayName", "updatedAt")
       VALUES ($1, $2, now(), $3, $4, $5, $6, now())`,
      [id, user.email, await hashPassword(user.password), user.username, user.username.toLowerCase(), user.displayName],
    );
  } finally {
    await client.end();
  }
  return { ...user, id };
}

export async function userIdOf(username: string): Promise<string> {
  const client = db();
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE "usernameKey" = $1`, [
      username.toLowerCase(),
    ]);
    if (!rows[0]) throw new Error(`no user ${username}`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

/** Waits until the worker has delivered a message to `to` whose subject matches (and that arrived after `after`). */
export async function waitForMail(to: string, subject: RegExp, options: { after?: Date } = {}): Promise<SinkMessage> {
  let found: SinkMessage | undefined;
  await expect
    .poll(
      async () => {
        const messages = await messagesTo(to);
        found = messages.find((m) => subject.test(m.subject) && (!options.after || new Date(m.date) >= options.after));
        return found?.subject ?? null;
      },
      { message: `an email to ${to} with subject ${subject}`, timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toMatch(subject);
  return found!;
}

/** The first link in the newest matching email (for example the verification or reset link). */
export async function linkFromMail(to: string, subject: RegExp, options: { after?: Date } = {}): Promise<URL> {
  const message = await waitForMail(to, subject, options);
  const match = /https?:\/\/[^\s"<>]+/.exec(message.text);
  if (!match) throw new Error(`no link in "${message.subject}":\n${message.text}`);
  return new URL(match[0]);
}

/** A screenshot into test-results/screens/<prefix>-<name>.png, for a human to look at. */
export async function screen(page: Page, prefix: string, name: string): Promise<void> {
  const dir = join(test.info().project.outputDir, "screens");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${prefix}-${name}.png`) });
}

/** Makes two people friends directly in the test database (a friendship is two rows, one each way). */
export async function befriend(a: string, b: string): Promise<void> {
  const client = new pg.Client({ connectionString: e2eEnv().DATABASE_URL });
  await client.connect();
  try {
    await client.query(`INSERT INTO "Friendship" ("userId", "friendId") VALUES ($1, $2), ($2, $1)`, [a, b]);
  } finally {
    await client.end();
  }
}
