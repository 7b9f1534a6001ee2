import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JITSI_EVENTS_PATH, parseDotenv } from "@/server/services/rooms/jitsi-config-check";
import { JITSI_EVENT_PATHS } from "@/server/services/rooms/jitsi-events-schema";

/**
 * jitsi/prosody/hearth.cfg.lua, read by Prosody's own configuration parser (Debian's `prosody`, installed by
 * scripts/stack/install.sh), included from a main config the way docker-jitsi-meet's prosody.cfg.lua includes
 * conf.d/*.cfg.lua, with the environment the Prosody container gets from jitsi/jitsi.env.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const HEARTH_CFG = path.join(ROOT, "jitsi/prosody/hearth.cfg.lua");
const DUMP = path.join(ROOT, "tests/helpers/prosody-config.lua");
const jitsiEnv = parseDotenv(readFileSync(path.join(ROOT, "jitsi/jitsi.env"), "utf8"));

const dir = mkdtempSync(path.join(tmpdir(), "hearth-prosody-"));
mkdirSync(path.join(dir, "conf.d"));
symlinkSync(HEARTH_CFG, path.join(dir, "conf.d/hearth.cfg.lua"));
const MAIN = path.join(dir, "prosody.cfg.lua");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Options = Record<string, unknown>;

/** Every host's options after Prosody has parsed the config with exactly these environment variables. */
function loadConfig(env: Record<string, string>, domain = env.XMPP_DOMAIN ?? "meet.jitsi"): Record<string, Options> {
  writeFileSync(MAIN, `VirtualHost "${domain}"\nComponent "muc.${domain}" "muc"\nInclude "conf.d/*.cfg.lua"\n`);
  const lua = process.env.LUA ?? "lua5.4";
  try {
    const out = execFileSync(lua, [DUMP, MAIN], {
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH ?? "",
        PROSODY_LIB: process.env.PROSODY_LIB ?? "/usr/lib/prosody",
        ...env,
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out) as Record<string, Options>;
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === "ENOENT")
      throw new Error(
        `${lua} is not installed: scripts/stack/install.sh installs Debian's prosody and lua5.4 (elsewhere set LUA and PROSODY_LIB)`,
      );
    throw new Error(`Prosody could not load the config: ${e.stderr ?? String(error)}`);
  }
}

const fromJitsiEnv = (names: string[]) =>
  Object.fromEntries(names.flatMap((n) => (jitsiEnv[n] ? [[n, jitsiEnv[n]]] : [])));
const CONTAINER_ENV = fromJitsiEnv([
  "XMPP_DOMAIN",
  "XMPP_MUC_DOMAIN",
  "HEARTH_EVENTS_URL",
  "HEARTH_WEBHOOK_SECRET",
  "HEARTH_EVENTS_TIMEOUT",
  "HEARTH_EVENTS_RETRIES",
]);

describe("hearth.cfg.lua under Prosody's parser", () => {
  it("declares event_sync with api_prefix, the secret header and the MUC it watches, as jitsi.env gives them", () => {
    const config = loadConfig(CONTAINER_ENV);
    const component = config[`eventsync.${jitsiEnv.XMPP_DOMAIN}`];
    expect(component).toMatchObject({
      component_module: "event_sync_component",
      api_prefix: jitsiEnv.HEARTH_EVENTS_URL!.replace(/\/events$/, ""),
      api_headers: { "X-Hearth-Webhook-Secret": jitsiEnv.HEARTH_WEBHOOK_SECRET },
      muc_component: jitsiEnv.XMPP_MUC_DOMAIN,
      breakout_component: `breakout.${jitsiEnv.XMPP_DOMAIN}`,
      api_timeout: Number(jitsiEnv.HEARTH_EVENTS_TIMEOUT),
      api_retry_count: Number(jitsiEnv.HEARTH_EVENTS_RETRIES),
    });
  });

  it("makes event_sync POST exactly to the app's webhook routes", () => {
    const prefix = loadConfig(CONTAINER_ENV)[`eventsync.${jitsiEnv.XMPP_DOMAIN}`]?.api_prefix;
    expect(typeof prefix).toBe("string");
    // mod_event_sync_component.lua builds its URLs as api_prefix .. '/events/room/created' (and so on).
    for (const route of Object.keys(JITSI_EVENT_PATHS)) {
      const url = new URL(`${prefix as string}/events/${route}`);
      expect(url.pathname).toBe(`${JITSI_EVENTS_PATH}/${route}`);
    }
  });

  it("follows the environment: another domain, a trailing slash, the secret from the environment only", () => {
    const config = loadConfig({
      XMPP_DOMAIN: "example.org",
      HEARTH_EVENTS_URL: "https://hearth.example.org/api/jitsi/events/",
      HEARTH_WEBHOOK_SECRET: "from-the-environment",
    });
    expect(config["eventsync.example.org"]).toMatchObject({
      api_prefix: "https://hearth.example.org/api/jitsi",
      api_headers: { "X-Hearth-Webhook-Secret": "from-the-environment" },
      muc_component: "muc.example.org",
      api_timeout: 10,
      api_retry_count: 3,
    });
  });

  it("declares no event component when no webhook URL is given", () => {
    const config = loadConfig({ XMPP_DOMAIN: "meet.jitsi", HEARTH_WEBHOOK_SECRET: "x" });
    expect(Object.keys(config).filter((host) => host.startsWith("eventsync."))).toEqual([]);
  });
});
