import sharp from "sharp";
import { expect, test } from "./fixtures";
import { E2E_PORT } from "./e2e-env";
import { insertUser, newPerson, screen, signInWithSession } from "./helpers";

const origin = `http://localhost:${E2E_PORT}`;

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

test("the web app manifest is served, complete, and its icons load at their sizes", async ({ page, request }) => {
  await page.goto("/sign-in");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");

  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    scope: string;
    display: string;
    theme_color: string;
    icons: ManifestIcon[];
  };
  expect(manifest).toMatchObject({
    name: "Hearth",
    short_name: "Hearth",
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: "#ea580c",
  });
  const purposes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? "any"}`);
  expect(purposes).toEqual(
    expect.arrayContaining(["192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable"]),
  );
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"]).toBe(icon.type);
    const { width, height } = await sharp(await file.body()).metadata();
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
  }

  // Chromium's own reading of it: parsed without errors.
  const cdp = await page.context().newCDPSession(page);
  const parsed = (await cdp.send("Page.getAppManifest")) as { url: string; errors: { message: string }[] };
  expect(parsed.url).toBe(`${origin}/manifest.webmanifest`);
  expect(parsed.errors).toEqual([]);
});

for (const phone of [false, true]) {
  test(`a signed-in visit installs the service worker; offline, a reload shows the offline page, and back online the app (${phone ? "phone" : "desktop"})`, async ({
    browser,
  }) => {
    const user = await insertUser("Piper");
    const { context, page } = await newPerson(browser, { phone });
    await signInWithSession(context, page, user);

    // Registered after the page's load event, then installed (the offline page cached) and activated.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration("/");
          return {
            scope: registration?.scope,
            script: registration?.active?.scriptURL,
            state: registration?.active?.state,
          };
        }),
      )
      .toEqual({ scope: `${origin}/`, script: `${origin}/sw.js`, state: "activated" });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
      .toBe(`${origin}/sw.js`);

    // A reload under the worker fills the shell cache; only built files, icons and the offline page are ever kept,
    // never a page or an API answer (they carry one person's data).
    await page.reload();
    await expect(page.getByRole("heading", { name: `Hi, ${user.displayName}` })).toBeVisible();
    const cached = await page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
      return paths;
    });
    expect(cached).toContain("/offline.html");
    expect(cached.some((path) => path.startsWith("/_next/static/chunks/"))).toBe(true);
    expect(cached.filter((path) => !/^\/(_next\/static\/|icons\/|offline\.html$|icon\.svg$)/.test(path))).toEqual([]);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/");
    await screen(page, "pwa", phone ? "offline-phone" : "offline-desktop");

    await context.setOffline(false);
    await page.getByRole("link", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: `Hi, ${user.displayName}` })).toBeVisible();
    await context.close();
  });
}

test("a push message reaches the service worker and becomes a notification, with no page involved", async ({
  browser,
}) => {
  const user = await insertUser("Rowan");
  const { context, page } = await newPerson(browser);
  await context.grantPermissions(["notifications"], { origin });
  await signInWithSession(context, page, user);
  await page.evaluate(() => navigator.serviceWorker.ready);

  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on(
      "ServiceWorker.workerRegistrationUpdated",
      ({ registrations }: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
        const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      },
    );
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin,
    registrationId: await registrationId,
    data: JSON.stringify({ title: "Ada sent you a message", body: "Are you free?", url: "/messages", tag: "pwa-test" }),
  });
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}: ${n.body}`),
      ),
    )
    .toEqual(["Ada sent you a message: Are you free?"]);
  await context.close();
});

test("Settings › Profile offers Install Hearth when the browser offers installing", async ({ page, context }) => {
  const user = await insertUser("Sage");
  await signInWithSession(context, page, user);
  await page.goto("/settings/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Install Hearth" })).toHaveCount(0);

  // Headless Chromium never offers installing by itself: the browser's event is played here, as it would fire it.
  await page.evaluate(() => {
    const offer = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
      prompt: async () => void ((window as unknown as { prompted: boolean }).prompted = true),
      userChoice: Promise.resolve({ outcome: "accepted" }),
    });
    window.dispatchEvent(offer);
  });
  await page.getByRole("button", { name: "Install Hearth" }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted ?? false))
    .toBe(true);
  await expect(page.getByRole("button", { name: "Install Hearth" })).toHaveCount(0);
});
