import type { BrowserContext, Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env";

/**
 * TEST DOUBLE of Jitsi's IFrame API script (`https://<JITSI_DOMAIN>/external_api.js`). The Jitsi media servers
 * cannot run here, so the browser tests serve this instead of the real script. It is NOT Jitsi: it joins nothing and
 * carries no media. It only:
 *  - defines `window.JitsiMeetExternalAPI`, a class that records what the page constructed it with (domain, roomName,
 *    jwt, configOverwrite, userInfo) in `window.__jitsiDouble.instances`, plus every executeCommand and dispose;
 *  - renders a placeholder iframe (title "Jitsi Meet (test double)") into `parentNode`, as the real API does;
 *  - implements on/off/addListener/removeListener/addEventListener/removeEventListener, executeCommand, dispose,
 *    getIFrame and getNumberOfParticipants;
 *  - lets a test replay IFrame API events: `window.__jitsiDouble.emit(name, payload)` (the newest live instance);
 *  - joins as Jitsi does, `window.__jitsiDouble.join(payload)`: videoConferenceJoined first, with the local user still
 *    a participant, then, in a later task and only when the token's context.user says moderator/owner (what
 *    token_affiliation reads), participantRoleChanged { id, role: "moderator" } for the local id.
 * `scriptLoads` counts how many times the script ran on the page (the SDK must load it once).
 */
export const JITSI_DOUBLE_SCRIPT = String.raw`
(() => {
  const state = (window.__jitsiDouble = window.__jitsiDouble || { instances: [], scriptLoads: 0 });
  state.scriptLoads += 1;
  const apis = [];

  class JitsiMeetExternalAPI {
    constructor(domain, options) {
      const o = options || {};
      this._listeners = new Map();
      this._record = {
        domain,
        roomName: o.roomName,
        jwt: o.jwt,
        configOverwrite: o.configOverwrite || null,
        userInfo: o.userInfo || null,
        hadParentNode: !!o.parentNode,
        commands: [],
        disposed: false,
      };
      state.instances.push(this._record);
      apis.push(this);
      const iframe = document.createElement("iframe");
      iframe.title = "Jitsi Meet (test double)";
      iframe.setAttribute("data-testid", "jitsi-double");
      iframe.style.width = "100%";
      iframe.style.height = "100%";
      iframe.style.border = "0";
      iframe.srcdoc = "<body style='margin:0;display:grid;place-items:center;height:100vh;font:14px system-ui;color:#d6d3d1;background:#292524'>Jitsi IFrame API test double</body>";
      (o.parentNode || document.body).appendChild(iframe);
      this._iframe = iframe;
    }
    on(name, fn) {
      if (!this._listeners.has(name)) this._listeners.set(name, new Set());
      this._listeners.get(name).add(fn);
      return this;
    }
    off(name, fn) {
      this._listeners.get(name)?.delete(fn);
      return this;
    }
    addListener(name, fn) { return this.on(name, fn); }
    removeListener(name, fn) { return this.off(name, fn); }
    addEventListener(name, fn) { return this.on(name, fn); }
    removeEventListener(name, fn) { return this.off(name, fn); }
    executeCommand(name, ...args) {
      this._record.commands.push({ name, args });
    }
    getIFrame() { return this._iframe; }
    getNumberOfParticipants() { return 1; }
    dispose() {
      this._record.disposed = true;
      this._listeners.clear();
      this._iframe.remove();
    }
    _emit(name, payload) {
      const listeners = [...(this._listeners.get(name) || [])];
      for (const fn of listeners) fn(payload);
      return listeners.length;
    }
  }

  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
  /** Fires an IFrame API event on the newest instance not disposed; returns how many listeners heard it. */
  state.emit = (name, payload) => {
    return newest()._emit(name, payload);
  };
  state.join = (payload) => {
    const api = newest();
    api._emit("videoConferenceJoined", payload);
    const user = JSON.parse(atob(api._record.jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).context.user;
    const owner = user.moderator === true || user.moderator === "true" || ["owner", "moderator"].includes(user.affiliation);
    if (!owner) return Promise.resolve(false);
    return new Promise((resolve) => setTimeout(() => resolve(api._emit("participantRoleChanged", { id: payload.id, role: "moderator" }) > 0), 50));
  };
  function newest() {
    const api = [...apis].reverse().find((a) => !a._record.disposed);
    if (!api) throw new Error("no live JitsiMeetExternalAPI (test double) instance");
    return api;
  }
})();
`;

/** What the test double recorded about one construction. */
export interface JitsiDoubleInstance {
  domain: string;
  roomName: string;
  jwt: string;
  configOverwrite: Record<string, unknown> | null;
  userInfo: { displayName: string; email?: string } | null;
  hadParentNode: boolean;
  commands: { name: string; args: unknown[] }[];
  disposed: boolean;
}

/** Serves the test double for every page of the context at the URL the SDK loads the real script from. */
export async function installJitsiDouble(context: BrowserContext): Promise<void> {
  await context.route(`https://${e2eEnv().JITSI_DOMAIN}/external_api.js`, (route) =>
    route.fulfill({ contentType: "application/javascript", body: JITSI_DOUBLE_SCRIPT }),
  );
}

export const jitsiInstances = (page: Page) =>
  page.evaluate(
    () =>
      ((window as unknown as { __jitsiDouble?: { instances: unknown[] } }).__jitsiDouble?.instances ??
        []) as JitsiDoubleInstance[],
  );

export const jitsiScriptLoads = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __jitsiDouble?: { scriptLoads: number } }).__jitsiDouble?.scriptLoads ?? 0,
  );

/** Replays an IFrame API event into the page (as Jitsi would send it); returns how many listeners heard it. */
export const emitJitsi = (page: Page, name: string, payload: unknown = {}) =>
  page.evaluate(
    ([n, p]) =>
      (window as unknown as { __jitsiDouble: { emit: (name: string, payload: unknown) => number } }).__jitsiDouble.emit(
        n as string,
        p,
      ),
    [name, payload] as const,
  );

/**
 * Joins the conference as Jitsi does (see `join` in the double): videoConferenceJoined as a participant, then the
 * role change to moderator when the token says owner. Resolves true when a role change was emitted and heard.
 */
export const joinJitsi = (page: Page, payload: { id: string; roomName?: string; displayName?: string }) =>
  page.evaluate(
    (p) =>
      (window as unknown as { __jitsiDouble: { join: (payload: unknown) => Promise<boolean> } }).__jitsiDouble.join(p),
    payload,
  );
