"use client";

import { useSyncExternalStore } from "react";
import { parseTheme, themeAttribute, themeChoices, themeCookie, type ThemeChoice } from "@/lib/theme";
import { Card } from "../ui/card";

const labels: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const current = (): ThemeChoice => parseTheme(document.documentElement.dataset.theme);

function choose(choice: ThemeChoice) {
  document.cookie = themeCookie(choice);
  const attribute = themeAttribute(choice);
  if (attribute) document.documentElement.dataset.theme = attribute;
  else delete document.documentElement.dataset.theme;
  for (const listener of listeners) listener();
}

/** System / Light / Dark for this device; applies at once, and the cookie makes the next page load start right. */
export function ThemeSwitch() {
  const theme = useSyncExternalStore(subscribe, current, () => "system" as const);
  return (
    <Card>
      <fieldset>
        <legend className="mb-1 font-semibold">Appearance</legend>
        <p className="mb-3 text-sm text-stone-500">
          Theme on this device. System follows your device's light or dark setting.
        </p>
        <div className="inline-flex gap-1 rounded-xl bg-stone-100 p-1">
          {themeChoices.map((choice) => (
            <label
              key={choice}
              className="cursor-pointer rounded-lg px-4 py-1.5 text-sm font-medium text-stone-600 has-checked:bg-white has-checked:text-stone-900 has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-ember-600"
            >
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={theme === choice}
                onChange={() => choose(choice)}
                className="sr-only"
              />
              {labels[choice]}
            </label>
          ))}
        </div>
      </fieldset>
    </Card>
  );
}
