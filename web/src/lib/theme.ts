/**
 * The colour scheme a person picked in Settings › Profile › Appearance, kept in a cookie so the root layout renders
 * `<html data-theme>` on the first paint (no flash, no inline script under the CSP). "system" is no cookie and no
 * attribute: globals.css then follows the system through `color-scheme: light dark`.
 */
export const THEME_COOKIE = "theme";
export const themeChoices = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof themeChoices)[number];

export function parseTheme(value: string | undefined): ThemeChoice {
  return themeChoices.find((choice) => choice === value) ?? "system";
}

/** The `data-theme` attribute for the root element: none when following the system. */
export function themeAttribute(choice: ThemeChoice): "light" | "dark" | undefined {
  return choice === "system" ? undefined : choice;
}

/** The Set-Cookie string for document.cookie: a year on this device, or removed for "system". */
export function themeCookie(choice: ThemeChoice): string {
  const lifetime = choice === "system" ? 0 : 60 * 60 * 24 * 365;
  return `${THEME_COOKIE}=${choice}; Path=/; Max-Age=${lifetime}; SameSite=Lax`;
}
