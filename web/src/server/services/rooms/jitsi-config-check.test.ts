import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkJitsiConfig, parseDotenv, type EnvMap } from "./jitsi-config-check";

const ROOT = path.resolve(import.meta.dirname, "../../../../..");

const APP: EnvMap = {
  APP_URL: "https://hearth.example.com",
  JITSI_DOMAIN: "meet.example.com",
  JITSI_APP_ID: "hearth",
  JITSI_APP_SECRET: "s".repeat(40),
  JITSI_AUDIENCE: "hearth",
  JITSI_XMPP_DOMAIN: "meet.jitsi",
  JITSI_JWT_ALGORITHM: "HS256",
  JITSI_WEBHOOK_SECRET: "w".repeat(40),
  TURN_SECRET: "turn-secret",
};

const JITSI: EnvMap = {
  PUBLIC_URL: "https://meet.example.com",
  ENABLE_AUTH: "1",
  AUTH_TYPE: "jwt",
  JWT_APP_ID: "hearth",
  JWT_APP_SECRET: "s".repeat(40),
  JWT_ACCEPTED_ISSUERS: "hearth",
  JWT_ACCEPTED_AUDIENCES: "hearth",
  JWT_ALLOW_EMPTY: "0",
  XMPP_DOMAIN: "meet.jitsi",
  ENABLE_AUTO_OWNER: "0",
  XMPP_MUC_MODULES: "token_affiliation,token_lobby_bypass,lobby_autostart",
  XMPP_MODULES: "persistent_lobby",
  ENABLE_LOBBY: "1",
  HEARTH_EVENTS_URL: "https://hearth.example.com/api/jitsi/events",
  HEARTH_WEBHOOK_SECRET: "w".repeat(40),
  TURN_CREDENTIALS: "turn-secret",
  ENABLE_RECORDING: "1",
  JIBRI_RECORDER_PASSWORD: "recorder-password",
  JIBRI_XMPP_PASSWORD: "xmpp-password",
};

/** The problems found when the given variables are changed on one side. */
function problems(app: EnvMap, jitsi: EnvMap): string[] {
  const result = checkJitsiConfig({ ...APP, ...app }, { ...JITSI, ...jitsi });
  if (!result.enabled) throw new Error("expected the check to run");
  return result.problems;
}

describe("checkJitsiConfig", () => {
  it("passes when both sides agree, counting every rule", () => {
    expect(checkJitsiConfig(APP, JITSI)).toEqual({ enabled: true, checks: 22, problems: [] });
  });

  it("has nothing to check while group calls are off", () => {
    expect(checkJitsiConfig({ ...APP, JITSI_DOMAIN: "" }, {})).toEqual({ enabled: false });
  });

  it.each([
    ["ENABLE_AUTH off", {}, { ENABLE_AUTH: "0" }, "ENABLE_AUTH in jitsi.env must be 1"],
    ["another auth type", {}, { AUTH_TYPE: "internal" }, 'AUTH_TYPE in jitsi.env is "internal", must be "jwt"'],
    ["anonymous users allowed", {}, { JWT_ALLOW_EMPTY: "true" }, "JWT_ALLOW_EMPTY in jitsi.env must be 0"],
    ["auto owner on", {}, { ENABLE_AUTO_OWNER: "1" }, "ENABLE_AUTO_OWNER in jitsi.env must be 0"],
    [
      "auto owner left to Jicofo's default",
      {},
      { ENABLE_AUTO_OWNER: undefined },
      "ENABLE_AUTO_OWNER in jitsi.env must be 0",
    ],
    [
      "no token_affiliation",
      {},
      { XMPP_MUC_MODULES: "token_lobby_bypass,lobby_autostart" },
      "XMPP_MUC_MODULES in jitsi.env must list token_affiliation",
    ],
    ["the lobby switched off", {}, { ENABLE_LOBBY: "0" }, "ENABLE_LOBBY in jitsi.env must be 1"],
    [
      "no token_lobby_bypass",
      {},
      { XMPP_MUC_MODULES: "token_affiliation,lobby_autostart" },
      "XMPP_MUC_MODULES in jitsi.env must list token_lobby_bypass",
    ],
    [
      "no lobby_autostart (a visitor arriving first walks in)",
      {},
      { XMPP_MUC_MODULES: "token_affiliation,token_lobby_bypass" },
      "XMPP_MUC_MODULES in jitsi.env must list lobby_autostart",
    ],
    ["no persistent_lobby", {}, { XMPP_MODULES: "" }, "XMPP_MODULES in jitsi.env must list persistent_lobby"],
    [
      "Jibri on another recorder domain",
      {},
      { XMPP_RECORDER_DOMAIN: "jibri.meet.jitsi" },
      'XMPP_RECORDER_DOMAIN in jitsi.env is "jibri.meet.jitsi" but Hearth recognises the recorder by "recorder.meet.jitsi"',
    ],
    [
      "an audience Prosody does not accept",
      { JITSI_AUDIENCE: "other" },
      {},
      'does not contain the app\'s JITSI_AUDIENCE "other"',
    ],
    [
      "another XMPP domain",
      { JITSI_XMPP_DOMAIN: "meet.example.com" },
      { XMPP_RECORDER_DOMAIN: "recorder.meet.example.com" },
      'XMPP_DOMAIN in jitsi.env is "meet.jitsi" but the app\'s JITSI_XMPP_DOMAIN is "meet.example.com"',
    ],
    [
      "Jitsi served elsewhere",
      { JITSI_DOMAIN: "localhost:8443" },
      {},
      'PUBLIC_URL in jitsi.env ("https://meet.example.com") is not served at the app\'s JITSI_DOMAIN "localhost:8443"',
    ],
    [
      "events sent to another app",
      {},
      { HEARTH_EVENTS_URL: "https://other.example.com/api/jitsi/events" },
      "HEARTH_EVENTS_URL in jitsi.env",
    ],
    [
      "events sent to another path",
      {},
      { HEARTH_EVENTS_URL: "https://hearth.example.com/api/events" },
      'must be the app\'s APP_URL followed by /api/jitsi/events ("https://hearth.example.com/api/jitsi/events")',
    ],
    [
      "webhook secrets differ",
      { JITSI_WEBHOOK_SECRET: "x".repeat(40) },
      {},
      "HEARTH_WEBHOOK_SECRET in jitsi.env and the app's JITSI_WEBHOOK_SECRET differ",
    ],
    [
      "TURN secrets differ",
      { TURN_SECRET: "another" },
      {},
      "TURN_CREDENTIALS in jitsi.env and the app's TURN_SECRET differ",
    ],
    [
      "no Jibri recorder password",
      {},
      { JIBRI_RECORDER_PASSWORD: "" },
      "JIBRI_RECORDER_PASSWORD in jitsi.env is empty while ENABLE_RECORDING=1",
    ],
    [
      "no Jibri XMPP password",
      {},
      { JIBRI_XMPP_PASSWORD: "" },
      "JIBRI_XMPP_PASSWORD in jitsi.env is empty while ENABLE_RECORDING=1",
    ],
  ] satisfies [string, EnvMap, EnvMap, string][])("names the mismatch: %s", (_name, app, jitsi, message) => {
    const found = problems(app, jitsi);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it("says the app ids differ, with both values (they are not secret)", () => {
    const found = problems({ JITSI_APP_ID: "hearth-prod" }, { JWT_ACCEPTED_ISSUERS: "hearth-prod" });
    expect(found).toEqual([
      expect.stringContaining('JWT_APP_ID in jitsi.env is "hearth" but the app\'s JITSI_APP_ID is "hearth-prod"'),
    ]);
  });

  it("checks the issuer list, and falls back to JWT_APP_ID when it is empty", () => {
    expect(problems({}, { JWT_ACCEPTED_ISSUERS: "someone-else" })).toEqual([
      expect.stringContaining('does not accept the app\'s JITSI_APP_ID "hearth" as issuer'),
    ]);
    expect(problems({}, { JWT_ACCEPTED_ISSUERS: "" })).toEqual([]);
  });

  it("accepts any audience when the list is empty or has *", () => {
    expect(problems({ JITSI_AUDIENCE: "other" }, { JWT_ACCEPTED_AUDIENCES: "" })).toEqual([]);
    expect(problems({ JITSI_AUDIENCE: "other" }, { JWT_ACCEPTED_AUDIENCES: "a, *" })).toEqual([]);
  });

  it("says the HS256 secrets differ without printing either", () => {
    const found = problems(
      { JITSI_APP_SECRET: "app-side-secret-value-0123456789abcdef" },
      { JWT_APP_SECRET: "jitsi-side-secret-value-0123456789abcd" },
    );
    expect(found).toEqual([
      expect.stringContaining("JWT_APP_SECRET in jitsi.env and the app's JITSI_APP_SECRET differ"),
    ]);
    expect(found.join("\n")).not.toMatch(/app-side|jitsi-side/);
  });

  it("never passes an empty secret on both sides", () => {
    const found = problems(
      { JITSI_APP_SECRET: "", JITSI_WEBHOOK_SECRET: "", TURN_SECRET: "" },
      { JWT_APP_SECRET: "", HEARTH_WEBHOOK_SECRET: "", TURN_CREDENTIALS: "" },
    );
    expect(found).toHaveLength(3);
  });

  it("wants a key server and a key id for RS256, and no key server for HS256", () => {
    expect(problems({ JITSI_JWT_ALGORITHM: "RS256" }, {})).toEqual([
      expect.stringContaining("JWT_ASAP_KEYSERVER in jitsi.env is empty"),
      expect.stringContaining("JITSI_KEY_ID is empty"),
    ]);
    expect(
      problems(
        { JITSI_JWT_ALGORITHM: "RS256", JITSI_KEY_ID: "hearth-1" },
        { JWT_ASAP_KEYSERVER: "https://keys.example.com/asap" },
      ),
    ).toEqual([]);
    // Prosody requests <server>/<sha256(kid)>.pem: a trailing slash doubles it.
    expect(
      problems(
        { JITSI_JWT_ALGORITHM: "RS256", JITSI_KEY_ID: "hearth-1" },
        { JWT_ASAP_KEYSERVER: "https://keys.example.com/asap/" },
      ),
    ).toEqual([
      expect.stringContaining(
        'JWT_ASAP_KEYSERVER in jitsi.env ("https://keys.example.com/asap/") must not end with "/"',
      ),
    ]);
    expect(problems({}, { JWT_ASAP_KEYSERVER: "https://keys.example.com/asap" })).toEqual([
      expect.stringContaining("Prosody expects RS256 tokens"),
    ]);
  });

  it("uses the app's defaults for unset JITSI_* variables", () => {
    const { JITSI_APP_ID: _a, JITSI_AUDIENCE: _b, JITSI_XMPP_DOMAIN: _c, JITSI_JWT_ALGORITHM: _d, ...rest } = APP;
    expect(checkJitsiConfig(rest, JITSI)).toEqual({ enabled: true, checks: 22, problems: [] });
  });

  it("takes docker-jitsi-meet's defaults for an unset ENABLE_LOBBY (on) and XMPP_RECORDER_DOMAIN", () => {
    expect(problems({}, { ENABLE_LOBBY: undefined, XMPP_RECORDER_DOMAIN: undefined })).toEqual([]);
  });

  it("skips the Jibri passwords when recording is off", () => {
    expect(problems({}, { ENABLE_RECORDING: "0", JIBRI_RECORDER_PASSWORD: "", JIBRI_XMPP_PASSWORD: "" })).toEqual([]);
  });
});

describe("jitsi/prosody/Dockerfile provides every module jitsi.env enables", () => {
  /** Modules docker-jitsi-meet's Prosody image ships (the Dockerfile's build fails without them). */
  const FROM_THE_IMAGE = new Set(["persistent_lobby", "muc_lobby_rooms"]);

  it("fetches each jitsi-contrib module named in XMPP_MUC_MODULES / XMPP_MODULES, or checks the image has it", async () => {
    const dockerfile = await readFile(path.join(ROOT, "jitsi/prosody/Dockerfile"), "utf8");
    const env = parseDotenv(await readFile(path.join(ROOT, "jitsi/jitsi.env"), "utf8"));
    const fetched = new Set([...dockerfile.matchAll(/^ADD \S+\/mod_([a-z_]+)\.lua /gm)].map((m) => m[1]));
    const checked = new Set(
      [...dockerfile.matchAll(/\bmod_([a-z_]+)\.lua\b/g)]
        .map((m) => m[1])
        .filter((name) => name && FROM_THE_IMAGE.has(name)),
    );
    const enabled = [...(env.XMPP_MUC_MODULES ?? "").split(","), ...(env.XMPP_MODULES ?? "").split(",")]
      .map((m) => m.trim())
      .filter(Boolean);
    expect(enabled).toEqual(
      expect.arrayContaining(["token_affiliation", "token_lobby_bypass", "lobby_autostart", "persistent_lobby"]),
    );
    for (const module of enabled)
      expect(
        fetched.has(module) || checked.has(module),
        `${module} is enabled in jitsi.env but jitsi/prosody/Dockerfile neither fetches it nor checks the image has it`,
      ).toBe(true);
    // event_sync is a component (hearth.cfg.lua), not in the module lists, and must be fetched too.
    expect(fetched.has("event_sync_component")).toBe(true);
  });
});

describe("parseDotenv", () => {
  it("reads KEY=value lines, quotes, export and comments; a later line wins", () => {
    const text = [
      "# a comment",
      "",
      "A=1",
      'B="two words"',
      "C='x#y'",
      "export D=plain # trailing comment",
      "E=",
      "not a line",
      "A=3",
      "F=a=b",
    ].join("\n");
    expect(parseDotenv(text)).toEqual({ A: "3", B: "two words", C: "x#y", D: "plain", E: "", F: "a=b" });
  });
});

describe("npm run jitsi:check (the real command, against the committed files)", () => {
  const run = promisify(execFile);
  let dir = "";
  // A clean environment: only the files decide (a developer's exported TURN_SECRET must not change the result).
  // jitsi.env copied alone: a developer's jitsi.secrets.env beside the real one must not change the result.
  const check = (...args: string[]) =>
    run(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/jitsi/check-config.ts",
        ...(args.includes("--jitsi-env") ? [] : ["--jitsi-env", path.join(dir, "jitsi.env")]),
        ...args,
      ],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "test" },
        encoding: "utf8",
      },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  // Stands in for the Jitsi web host's clock: HEAD /skew/<seconds> answers with a Date header that far off.
  let clockServer: Server;
  let clock = "";
  const skewedBy = (seconds: number) => `${clock}/skew/${seconds}`;

  beforeAll(async () => {
    clockServer = createServer((req, res) => {
      const skew = Number(/^\/skew\/(-?\d+)$/.exec(req.url ?? "")?.[1] ?? 0);
      res.sendDate = false;
      res.setHeader("Date", new Date(Date.now() + skew * 1000).toUTCString());
      res.end();
    });
    await new Promise<void>((resolve) => clockServer.listen(0, "127.0.0.1", resolve));
    clock = `http://127.0.0.1:${(clockServer.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), "hearth-jitsi-check-"));
    await writeFile(path.join(dir, "jitsi.env"), await readFile(path.join(ROOT, "jitsi/jitsi.env"), "utf8"));
    const example = await readFile(path.join(ROOT, ".env.example"), "utf8");
    const jitsi = parseDotenv(await readFile(path.join(ROOT, "jitsi/jitsi.env"), "utf8"));
    // .env.example ships with group calls off; switch them on at the host jitsi.env serves Jitsi at.
    const domain = new URL(jitsi.PUBLIC_URL ?? "").host;
    await writeFile(path.join(dir, "app.env"), `${example}\nJITSI_DOMAIN=${domain}\n`);
    await writeFile(
      path.join(dir, "wrong.env"),
      `${example}\nJITSI_DOMAIN=${domain}\nJITSI_WEBHOOK_SECRET=not-the-secret-jitsi-env-has-0123456789\n`,
    );
  });

  afterAll(async () => {
    clockServer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("agrees with .env.example and jitsi/jitsi.env, and so do the clocks", async () => {
    const result = await check("--app-env", path.join(dir, "app.env"), "--clock-url", skewedBy(0));
    expect(result).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^Jitsi and Hearth agree \(22 checks\)\nClock: The app's clock and 127\.0\.0\.1:\d+'s agree/,
      ),
      stderr: "",
    });
  }, 30_000);

  it("warns (exit 0) when the Jitsi host's clock is 20 s off, and fails (exit 1) when the app is 40 s ahead", async () => {
    const warned = await check("--app-env", path.join(dir, "app.env"), "--clock-url", skewedBy(20));
    expect(warned).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(
        /^Clock warning: The app's clock is (19|20|21)\.\d s behind .*Run NTP on both hosts/,
      ),
    });
    const failed = await check("--app-env", path.join(dir, "app.env"), "--clock-url", skewedBy(-40));
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^Clock error: The app's clock is (39|40|41)\.\d s ahead of .*"Not acceptable by nbf"/,
      ),
    });
  }, 30_000);

  it("only warns when the Jitsi host cannot be reached, and skips the clock with --no-clock", async () => {
    const unreachable = await check("--app-env", path.join(dir, "app.env"), "--clock-url", "http://127.0.0.1:9/");
    expect(unreachable).toMatchObject({
      code: 0,
      stderr: expect.stringContaining("Clock warning: Could not reach http://127.0.0.1:9/ to compare clocks"),
    });
    const skipped = await check("--app-env", path.join(dir, "app.env"), "--no-clock");
    expect(skipped).toMatchObject({ code: 0, stdout: "Jitsi and Hearth agree (22 checks)\n", stderr: "" });
  }, 30_000);

  it("exits 1 and names a wrong webhook secret without printing it", async () => {
    const result = await check(
      "--app-env",
      path.join(dir, "wrong.env"),
      "--jitsi-env",
      path.join(dir, "jitsi.env"),
      "--no-clock",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HEARTH_WEBHOOK_SECRET in jitsi.env and the app's JITSI_WEBHOOK_SECRET differ");
    expect(result.stderr).not.toContain("not-the-secret");
  }, 30_000);

  it("says group calls are off for .env.example as committed", async () => {
    const result = await check("--app-env", path.join(ROOT, ".env.example"));
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining("Group calls are off") });
  }, 30_000);
});
