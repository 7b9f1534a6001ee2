import "server-only";
/**
 * Do the app's settings and Jitsi's (jitsi/jitsi.env, in docker-jitsi-meet's names) agree? Pure: it takes two
 * variable maps and returns one sentence per disagreement, never quoting a secret. `npm run jitsi:check`
 * (scripts/jitsi/check-config.ts) reads the files and prints the result.
 *
 * Each rule mirrors what Prosody does with Hearth's tokens (jitsi/README.md, "What Prosody checks"): a mismatch
 * here is a "not-allowed" at login or room join there, which the browser only shows as a failed meeting.
 */
export type EnvMap = Readonly<Record<string, string | undefined>>;

export type JitsiConfigCheck = { enabled: false } | { enabled: true; checks: number; problems: string[] };

/** Where the app's webhook lives (web/src/app/api/jitsi/events); Prosody's event_sync posts below it. */
export const JITSI_EVENTS_PATH = "/api/jitsi/events";

/** The same defaults as web/src/server/infra/env.ts, so an unset app variable means what the app would use. */
const APP_DEFAULTS: Record<string, string> = {
  JITSI_APP_ID: "hearth",
  JITSI_AUDIENCE: "hearth",
  JITSI_XMPP_DOMAIN: "meet.jitsi",
  JITSI_JWT_ALGORITHM: "HS256",
};

/** docker-jitsi-meet's defaults for the variables below, when jitsi.env leaves them unset. */
const JITSI_DEFAULTS: Record<string, string> = {
  XMPP_DOMAIN: "meet.jitsi",
  XMPP_RECORDER_DOMAIN: "recorder.meet.jitsi",
  AUTH_TYPE: "internal",
  ENABLE_LOBBY: "1",
};

/** docker-jitsi-meet reads booleans with gomplate's toBool: "1", "true", "yes", "on" (any case) are true. */
const isTrue = (value: string) => ["1", "true", "yes", "on"].includes(value.toLowerCase());

const list = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

function urlHost(value: string): string | null {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/**
 * Compares the app's environment with Jitsi's. `JITSI_DOMAIN` empty means group calls are off: nothing to compare.
 */
export function checkJitsiConfig(appEnv: EnvMap, jitsiEnv: EnvMap): JitsiConfigCheck {
  const app = (name: string) => appEnv[name]?.trim() || APP_DEFAULTS[name] || "";
  const jitsi = (name: string) => jitsiEnv[name]?.trim() || JITSI_DEFAULTS[name] || "";
  if (!app("JITSI_DOMAIN")) return { enabled: false };

  const problems: string[] = [];
  let checks = 0;
  /** One rule: counted always, and its message kept when it does not hold. */
  const expect = (holds: boolean, message: string) => {
    checks += 1;
    if (!holds) problems.push(message);
  };

  // --- Token authentication is on, and only tokens get in ------------------------------------------------
  expect(
    isTrue(jitsi("ENABLE_AUTH")),
    `ENABLE_AUTH in jitsi.env must be 1: without it Jitsi lets anyone in and ignores Hearth's tokens`,
  );
  expect(
    jitsi("AUTH_TYPE") === "jwt",
    `AUTH_TYPE in jitsi.env is "${jitsi("AUTH_TYPE")}", must be "jwt": Prosody would not read Hearth's tokens`,
  );
  expect(
    !isTrue(jitsi("JWT_ALLOW_EMPTY") || "0"),
    `JWT_ALLOW_EMPTY in jitsi.env must be 0: otherwise people without a token join as anonymous users`,
  );

  // --- The token's iss: app id, and the accepted issuers ---------------------------------------------------
  const appId = app("JITSI_APP_ID");
  expect(
    jitsi("JWT_APP_ID") === appId,
    `JWT_APP_ID in jitsi.env is "${jitsi("JWT_APP_ID")}" but the app's JITSI_APP_ID is "${appId}": Prosody would refuse every token ("invalid 'iss' claim")`,
  );
  const issuers = list(jitsi("JWT_ACCEPTED_ISSUERS"));
  // Unset, Prosody accepts only its app_id as issuer (checked just above).
  const issuerAccepted = issuers.length === 0 ? jitsi("JWT_APP_ID") === appId : issuers.includes(appId);
  expect(
    issuerAccepted,
    `JWT_ACCEPTED_ISSUERS in jitsi.env (${issuers.join(",") || "empty: only JWT_APP_ID"}) does not accept the app's JITSI_APP_ID "${appId}" as issuer: Prosody would answer "invalid 'iss' claim"`,
  );

  // --- The token's aud ------------------------------------------------------------------------------------
  const audience = app("JITSI_AUDIENCE");
  const audiences = list(jitsi("JWT_ACCEPTED_AUDIENCES"));
  expect(
    audiences.length === 0 || audiences.includes("*") || audiences.includes(audience),
    `JWT_ACCEPTED_AUDIENCES in jitsi.env (${audiences.join(",")}) does not contain the app's JITSI_AUDIENCE "${audience}": Prosody would answer "invalid 'aud' claim"`,
  );

  // --- The signature --------------------------------------------------------------------------------------
  const algorithm = app("JITSI_JWT_ALGORITHM");
  const keyServer = jitsi("JWT_ASAP_KEYSERVER");
  if (algorithm === "RS256") {
    expect(
      Boolean(keyServer),
      `the app signs with RS256 (JITSI_JWT_ALGORITHM) but JWT_ASAP_KEYSERVER in jitsi.env is empty: Prosody would expect HS256 tokens signed with JWT_APP_SECRET`,
    );
    expect(
      Boolean(app("JITSI_KEY_ID")),
      `the app signs with RS256 but JITSI_KEY_ID is empty: Prosody finds the public key by the token's kid`,
    );
    // Prosody fetches <server>/<sha256 hex of kid>.pem: a trailing slash makes that "//", which key servers answer 404.
    expect(
      !keyServer.endsWith("/"),
      `JWT_ASAP_KEYSERVER in jitsi.env ("${keyServer}") must not end with "/": Prosody appends "/<sha256 of kid>.pem" and the doubled slash finds no key`,
    );
  } else {
    expect(
      !keyServer,
      `JWT_ASAP_KEYSERVER is set in jitsi.env, so Prosody expects RS256 tokens, but the app signs with ${algorithm} (JITSI_JWT_ALGORITHM)`,
    );
    const secret = jitsi("JWT_APP_SECRET");
    expect(
      Boolean(secret) && secret === app("JITSI_APP_SECRET"),
      `JWT_APP_SECRET in jitsi.env and the app's JITSI_APP_SECRET differ: Prosody would refuse every token ("Invalid signature")`,
    );
  }

  // --- The token's sub, and where browsers load Jitsi from ------------------------------------------------------
  expect(
    jitsi("XMPP_DOMAIN") === app("JITSI_XMPP_DOMAIN"),
    `XMPP_DOMAIN in jitsi.env is "${jitsi("XMPP_DOMAIN")}" but the app's JITSI_XMPP_DOMAIN is "${app("JITSI_XMPP_DOMAIN")}": the tokens' sub would name another domain`,
  );
  const publicHost = urlHost(jitsi("PUBLIC_URL"));
  expect(
    publicHost === app("JITSI_DOMAIN"),
    `PUBLIC_URL in jitsi.env ("${jitsi("PUBLIC_URL")}") is not served at the app's JITSI_DOMAIN "${app("JITSI_DOMAIN")}": browsers would load external_api.js from another host`,
  );

  // --- Moderators come from the token --------------------------------------------------------------------------
  expect(
    jitsi("ENABLE_AUTO_OWNER") !== "" && !isTrue(jitsi("ENABLE_AUTO_OWNER")),
    `ENABLE_AUTO_OWNER in jitsi.env must be 0: otherwise Jicofo makes the first person in a room its moderator, whatever the token says`,
  );
  const mucModules = list(jitsi("XMPP_MUC_MODULES"));
  expect(
    mucModules.includes("token_affiliation"),
    `XMPP_MUC_MODULES in jitsi.env must list token_affiliation: without it the token's moderator flag is ignored`,
  );

  // --- The lobby is on from the room's creation; the token decides who walks past it --------------------------------
  expect(
    isTrue(jitsi("ENABLE_LOBBY")),
    `ENABLE_LOBBY in jitsi.env must be 1: profile rooms hold visitors the owner has not approved in Jitsi's lobby`,
  );
  expect(
    mucModules.includes("token_lobby_bypass"),
    `XMPP_MUC_MODULES in jitsi.env must list token_lobby_bypass: without it everyone, hosts included, would wait in the lobby`,
  );
  expect(
    mucModules.includes("lobby_autostart"),
    `XMPP_MUC_MODULES in jitsi.env must list lobby_autostart: without it a room's lobby only exists once a host has joined, and a visitor who arrives first walks straight in`,
  );
  expect(
    list(jitsi("XMPP_MODULES")).includes("persistent_lobby"),
    `XMPP_MODULES in jitsi.env must list persistent_lobby: lobby_autostart needs it to keep an empty room (and the visitor waiting in its lobby) alive`,
  );

  // --- Room events back to Hearth ---------------------------------------------------------------------------------
  const eventsUrl = withoutTrailingSlash(jitsi("HEARTH_EVENTS_URL"));
  const appUrl = withoutTrailingSlash(app("APP_URL"));
  expect(
    Boolean(appUrl) && eventsUrl === `${appUrl}${JITSI_EVENTS_PATH}`,
    `HEARTH_EVENTS_URL in jitsi.env ("${eventsUrl}") must be the app's APP_URL followed by ${JITSI_EVENTS_PATH} ("${appUrl}${JITSI_EVENTS_PATH}"): room events would not reach Hearth`,
  );
  const webhookSecret = jitsi("HEARTH_WEBHOOK_SECRET");
  expect(
    Boolean(webhookSecret) && webhookSecret === app("JITSI_WEBHOOK_SECRET"),
    `HEARTH_WEBHOOK_SECRET in jitsi.env and the app's JITSI_WEBHOOK_SECRET differ: Hearth would reject every room event`,
  );

  // --- TURN: Prosody hands browsers credentials for Hearth's coturn ------------------------------------------------
  const turnSecret = jitsi("TURN_CREDENTIALS");
  expect(
    Boolean(turnSecret) && turnSecret === app("TURN_SECRET"),
    `TURN_CREDENTIALS in jitsi.env and the app's TURN_SECRET differ: coturn would refuse the TURN credentials Jitsi hands out`,
  );

  // --- Recording ------------------------------------------------------------------------------------------------------
  if (isTrue(jitsi("ENABLE_RECORDING") || "0")) {
    for (const name of ["JIBRI_RECORDER_PASSWORD", "JIBRI_XMPP_PASSWORD"]) {
      expect(
        Boolean(jitsi(name)),
        `${name} in jitsi.env is empty while ENABLE_RECORDING=1: Jibri exits at start without it`,
      );
    }
    const recorderDomain = `recorder.${app("JITSI_XMPP_DOMAIN")}`;
    expect(
      jitsi("XMPP_RECORDER_DOMAIN") === recorderDomain,
      `XMPP_RECORDER_DOMAIN in jitsi.env is "${jitsi("XMPP_RECORDER_DOMAIN")}" but Hearth recognises the recorder by "${recorderDomain}" (recorder. + JITSI_XMPP_DOMAIN): Jibri would be counted as a participant`,
    );
  }

  return { enabled: true, checks, problems };
}

/**
 * A dotenv file as a map: `KEY=value` lines (an `export ` prefix allowed), `#` comments and blank lines skipped,
 * one pair of surrounding quotes removed, and ` #…` after an unquoted value dropped. A later line wins.
 * Enough for .env and jitsi.env; no `${VAR}` expansion (jitsi.env is literal on purpose).
 */
export function parseDotenv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!match) continue;
    const [, key = "", rawValue = ""] = match;
    const quoted = /^(["'])(.*)\1$/.exec(rawValue);
    result[key] = quoted ? (quoted[2] ?? "") : rawValue.replace(/\s+#.*$/, "");
  }
  return result;
}
