import type { Page } from "@playwright/test";
import { DESKTOP } from "./axe-guard";
import { expect, test } from "./fixtures";
import { befriend, insertUser, newPerson, PHONE, screen, signInWithSession } from "./helpers";

/** Relative lightness of the body's background, 0 (black) to 1 (white), from the browser's own computed colour. */
const bodyLightness = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    canvas.fillStyle = getComputedStyle(document.body).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
    return (r! + g! + b!) / (3 * 255);
  });

// Settings › Profile › Appearance: the system's scheme by default, an explicit choice kept across loads (the server
// renders it, so there is no flash), and less motion for those who ask.
test("dark mode follows the system, and the switch in Settings overrides it", async ({ browser }) => {
  test.setTimeout(120_000);
  const ada = await insertUser("Ada");
  const ben = await insertUser("Ben");
  await befriend(ada.id, ben.id);
  const { context, page } = await newPerson(browser);
  await signInWithSession(context, page, ada);

  await test.step("with no choice made, the page follows the system's scheme", async () => {
    await page.emulateMedia({ colorScheme: "light" });
    expect(await bodyLightness(page)).toBeGreaterThan(0.9);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await bodyLightness(page)).toBeLessThan(0.15);
    await expect(page.locator("html")).not.toHaveAttribute("data-theme");
  });

  await test.step("choosing Dark applies at once and is on the first paint of the next load, whatever the system says", async () => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/settings/profile");
    const appearance = page.getByRole("group", { name: "Appearance" });
    await expect(appearance.getByRole("radio", { name: "System" })).toBeChecked();
    await appearance.getByText("Dark", { exact: true }).click();
    await expect(appearance.getByRole("radio", { name: "Dark" })).toBeChecked();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await bodyLightness(page)).toBeLessThan(0.15);

    const html = await (await page.request.get("/settings/profile")).text();
    expect(html).toMatch(/<html[^>]*data-theme="dark"/);
    await page.reload();
    await expect(page.getByRole("group", { name: "Appearance" }).getByRole("radio", { name: "Dark" })).toBeChecked();
    expect(await bodyLightness(page)).toBeLessThan(0.15);
  });

  await test.step("dark pages at both widths, for a person to look at", async () => {
    const ready = {
      home: page.getByRole("heading", { name: `Hi, ${ada.displayName}` }),
      friends: page.getByText(ben.displayName),
      settings: page.getByLabel("Display name"),
    };
    for (const [path, name] of [
      ["/", "home"],
      ["/friends", "friends"],
      ["/settings/profile", "settings"],
    ] as const) {
      await page.goto(path);
      await expect(ready[name]).toBeVisible();
      await page.setViewportSize(DESKTOP);
      await screen(page, "theme", `dark-${name}-desktop`);
      await page.setViewportSize(PHONE);
      await screen(page, "theme", `dark-${name}-phone`);
    }
    await page.setViewportSize(DESKTOP);
  });

  await test.step("Light overrides a dark system; System hands back to it and forgets the cookie", async () => {
    await page.goto("/settings/profile");
    await page.emulateMedia({ colorScheme: "dark" });
    const appearance = page.getByRole("group", { name: "Appearance" });
    await appearance.getByText("Light", { exact: true }).click();
    expect(await bodyLightness(page)).toBeGreaterThan(0.9);
    await appearance.getByText("System", { exact: true }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme");
    expect(await bodyLightness(page)).toBeLessThan(0.15);
    expect((await context.cookies()).find((c) => c.name === "theme")).toBeUndefined();
  });

  await test.step("with reduced motion asked for, nothing pulses or scrolls smoothly", async () => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    const motion = await page.evaluate(() => {
      const probe = document.createElement("span");
      probe.className = "animate-pulse";
      document.body.append(probe);
      const style = getComputedStyle(probe);
      const result = {
        seconds: parseFloat(style.animationDuration),
        iterations: style.animationIterationCount,
        scroll: getComputedStyle(document.documentElement).scrollBehavior,
      };
      probe.remove();
      return result;
    });
    expect(motion.seconds).toBeLessThan(0.001);
    expect(motion).toMatchObject({ iterations: "1", scroll: "auto" });
  });
  await context.close();
});
