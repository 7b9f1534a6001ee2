const KEY = "hearth:call-device";

/**
 * This tab's call device id: random, made once per tab and kept in sessionStorage (so a reload keeps it, a new tab
 * gets its own). The server routes signals to it and only accepts signals from the tab that placed/answered a call.
 */
export function callDeviceId(): string {
  let id = sessionStorage.getItem(KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    // getRandomValues, unlike randomUUID, also exists on plain-http pages.
    id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    sessionStorage.setItem(KEY, id);
  }
  return id;
}
