import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";

/**
 * axe-core on every page the journeys visit, once per distinct route per run (ids in the path count once:
 * /messages/abc and /messages/def are both "/messages/:id"), at desktop and phone width, and in the dark scheme too
 * on the main routes. A page is checked, in the state the journey left it, when the journey leaves it with
 * page.goto/reload/goBack/goForward or closes its context, or when the test ends. A page left another way (a link, a form, a redirect) is
 * opened again in the same browser context at the end of the test and checked there: nothing the app does is held
 * up while the journey runs, so no step's timing changes.
 * Serious and critical violations fail the journey.
 */

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);
/** Also checked in the dark scheme, at desktop width (contrast differs; the phone layout shows the same colours). */
const MAIN_ROUTES = new Set([
  "/",
  "/sign-in",
  "/sign-up",
  "/messages",
  "/messages/:id",
  "/friends",
  "/calls",
  "/rooms",
  "/notifications",
  "/settings/profile",
  "/u/:id",
]);
/** The time axe may add to a test: a few seconds per route checked. */
const SECONDS_PER_CHECK = 30;

/** Routes checked in this worker (the whole run: one worker). */
const checkedRoutes = new Set<string>();
const watched = new WeakSet<BrowserContext>();

interface PageState {
  /** The route the page shows and has not been checked yet. */
  pending?: { route: string; url: string };
}
const pages = new WeakMap<Page, PageState>();

interface TestRun {
  violations: string[];
  missed: { context: BrowserContext; url: string; route: string }[];
  contexts: Set<BrowserContext>;
  extendTimeout: (seconds: number) => void;
}
let run: TestRun | undefined;

const idLike = /^(?:[0-9a-f]{8}-[0-9a-f-]{27}|c[a-z0-9]{20,}|e2e_\w+|(?=[^/]*\d)[\w-]{8,})$/i;

/** Folders of the app whose next segment is an id or a username (web/src/app/(app)/…/[param]). */
const dynamicParents = new Set(["u", "messages", "rooms"]);
const staticChildren = new Set(["new", ""]);

/** "/messages/cm4x…?x=1#m" → "/messages/:id"; static segments (/rooms/new) stay. */
export function routeOf(url: string): string | undefined {
  const parsed = new URL(url);
  if (!parsed.protocol.startsWith("http")) return undefined;
  if (parsed.pathname.startsWith("/api/")) return undefined;
  const segments = parsed.pathname.split("/");
  return (
    segments
      .map((segment, i) =>
        idLike.test(segment) || (dynamicParents.has(segments[i - 1] ?? "") && !staticChildren.has(segment))
          ? ":id"
          : segment,
      )
      .join("/") || "/"
  );
}

export function startAxeRun(extendTimeout: (seconds: number) => void): void {
  run = { violations: [], missed: [], contexts: new Set(), extendTimeout };
}

/** Checks what is still pending on open pages, re-opens what got away, and returns the violations found. */
export async function finishAxeRun(): Promise<string[]> {
  const current = run;
  if (!current) return [];
  for (const context of current.contexts) for (const page of context.pages()) await checkPending(page);
  await reopenMissed(current, () => true);
  run = undefined;
  return current.violations;
}

/** Opens again, in their context, the routes that were left unchecked, and checks them. */
async function reopenMissed(current: TestRun, inContext: (context: BrowserContext) => boolean): Promise<void> {
  const missed = current.missed.filter(({ context }) => inContext(context));
  current.missed = current.missed.filter(({ context }) => !inContext(context));
  for (const { context, url, route } of missed) {
    if (checkedRoutes.has(route)) continue;
    let page: Page;
    try {
      page = await context.newPage();
    } catch {
      console.warn(`[axe] ${route} (${url}) was not checked: its browser context closed before the test ended`);
      continue;
    }
    const opened = await page.goto(url).catch((e: unknown) => String(e));
    if (typeof opened === "string") {
      console.warn(`[axe] ${route} (${url}) was not checked: reopening it failed: ${opened}`);
      await page.close();
      continue;
    }
    // Live pages keep a subscription open, so the network never goes quiet for long; a short wait lets data arrive.
    await page.waitForLoadState("networkidle", { timeout: 3000 }).catch(() => undefined);
    if (routeOf(page.url()) === route) await check(page, route);
    else await checkSignedOut(context, url, route, page.url());
    await checkPending(page);
    await page.close();
  }
}

/** A public page (sign-in, sign-up…) that redirects a signed-in person: checked in a fresh, signed-out context. */
async function checkSignedOut(context: BrowserContext, url: string, route: string, landedOn: string): Promise<void> {
  const fresh = await context.browser()?.newContext();
  if (!fresh) return;
  try {
    const page = await fresh.newPage();
    await page.goto(url);
    if (routeOf(page.url()) === route) await check(page, route);
    else
      console.warn(
        `[axe] ${route} was not checked: at the end of the test it leads to ${landedOn}, and signed out to ${page.url()}`,
      );
  } finally {
    await fresh.close();
  }
}

/** Watches every page of the context, now and later. Idempotent. */
export function watchAxe(context: BrowserContext): void {
  run?.contexts.add(context);
  if (watched.has(context)) return;
  watched.add(context);
  for (const page of context.pages()) watchPage(page);
  context.on("page", watchPage);
  // A journey that closes its context checks what it leaves open first.
  const close = context.close.bind(context);
  context.close = async (...args: Parameters<BrowserContext["close"]>) => {
    for (const page of context.pages()) await checkPending(page);
    if (run) await reopenMissed(run, (c) => c === context);
    return close(...args);
  };
}

/** Every context a test opens (browser.newContext) is watched too, for the duration of the test. */
export function watchNewContexts(browser: Browser): () => void {
  const original = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await original(...args);
    watchAxe(context);
    return context;
  };
  return () => {
    browser.newContext = original;
  };
}

/** Navigations the journey starts itself check the page first (a document load cannot be held: the page is gone). */
function checkBeforeLeaving(page: Page): void {
  for (const method of ["goto", "reload", "goBack", "goForward"] as const) {
    const original = page[method].bind(page) as (...args: unknown[]) => Promise<unknown>;
    (page as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      await checkPending(page).catch((e: unknown) => console.warn(`[axe] check failed: ${String(e)}`));
      return original(...args);
    };
  }
}

function watchPage(page: Page): void {
  const state: PageState = {};
  pages.set(page, state);
  checkBeforeLeaving(page);
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const route = routeOf(frame.url());
    const previous = state.pending;
    if (previous && previous.route !== route && !checkedRoutes.has(previous.route))
      run?.missed.push({ context: page.context(), ...previous });
    state.pending = route && !checkedRoutes.has(route) ? { route, url: frame.url() } : undefined;
  });
  page.on("close", () => {
    if (state.pending && !checkedRoutes.has(state.pending.route))
      run?.missed.push({ context: page.context(), ...state.pending });
    state.pending = undefined;
  });
}

async function checkPending(page: Page): Promise<void> {
  const state = pages.get(page);
  const pending = state?.pending;
  if (!state || !pending || page.isClosed()) return;
  state.pending = undefined;
  if (checkedRoutes.has(pending.route) || routeOf(page.url()) !== pending.route) return;
  await check(page, pending.route);
}

async function check(page: Page, route: string): Promise<void> {
  checkedRoutes.add(route);
  run?.extendTimeout(SECONDS_PER_CHECK);
  const viewport = page.viewportSize();
  let dark: boolean | undefined;
  try {
    dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
    const passes: { width: typeof DESKTOP | typeof PHONE; scheme: "light" | "dark" }[] = [
      { width: DESKTOP, scheme: "light" },
      { width: PHONE, scheme: "light" },
      ...(MAIN_ROUTES.has(route) ? [{ width: DESKTOP, scheme: "dark" as const }] : []),
    ];
    for (const { width, scheme } of passes) {
      await page.setViewportSize(width);
      await page.emulateMedia({ colorScheme: scheme });
      const results = await analyze(page);
      for (const violation of results.violations) {
        if (!FAILING_IMPACTS.has(violation.impact ?? "")) continue;
        const targets = violation.nodes.map(
          (node) =>
            `      ${node.target.join(" ")}${node.failureSummary ? ` — ${node.failureSummary.split("\n").slice(1).join(" ").trim()}` : ""}`,
        );
        run?.violations.push(
          `${route} (${page.url()}) at ${width.width}px, ${scheme}: ${violation.id} [${violation.impact}] ${violation.help}\n${targets.join("\n")}`,
        );
      }
    }
  } catch (e) {
    // The page went away under axe (the journey closed it, or it navigated itself): another visit checks the route.
    checkedRoutes.delete(route);
    console.warn(`[axe] ${route} was not checked this time: ${String(e).split("\n")[0]}`);
  } finally {
    if (!page.isClosed()) {
      if (viewport) await page.setViewportSize(viewport).catch(() => undefined);
      if (dark !== undefined) await page.emulateMedia({ colorScheme: dark ? "dark" : "light" }).catch(() => undefined);
    }
  }
}

/** One axe run; a page caught mid-navigation is given a moment to load and tried once more. */
async function analyze(page: Page) {
  // Legacy mode runs axe in the page itself (no helper page per run); only violations are serialised back.
  const run = () =>
    new AxeBuilder({ page })
      .withTags(TAGS)
      .options({ resultTypes: ["violations"] })
      .setLegacyMode(true)
      .analyze();
  try {
    return await run();
  } catch (e) {
    if (!/Execution context was destroyed|navigat/i.test(String(e))) throw e;
    await page.waitForLoadState("load");
    return await run();
  }
}
