import "server-only";
import { z } from "zod";
import { parseTrustedProxies } from "../client-address";
import { parseClamdUrl } from "./malware-scanner";
import { isLocalUrl, productionProblems } from "./production-config";

const csv = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
const optional = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /**
     * Lets a production build run on the local development stack (the browser tests do) with its published
     * development secrets. Honoured only while APP_URL is this machine (localhost); anywhere else it is refused.
     */
    HEARTH_ALLOW_DEV_SECRETS: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    APP_URL: z.url(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (use `openssl rand -base64 32`)"),
    AUTH_TRUST_HOST: z.enum(["true", "false"]).default("true"),
    AUTH_GITHUB_ID: optional,
    AUTH_GITHUB_SECRET: optional,
    AUTH_GOOGLE_ID: optional,
    AUTH_GOOGLE_SECRET: optional,
    AUTH_OIDC_ISSUER: z
      .url()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    AUTH_OIDC_ID: optional,
    AUTH_OIDC_SECRET: optional,
    AUTH_OIDC_NAME: optional,
    ADMIN_EMAILS: csv.transform((list) => list.map((e) => e.toLowerCase())),
    /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); empty: the socket's peer is the client. */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^TRUSTED_PROXIES: /, "") });
        }
      }),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL"),
    S3_ENDPOINT: z.url(),
    S3_PUBLIC_ENDPOINT: z.url(),
    S3_REGION: z.string().min(1),
    S3_ACCESS_KEY_ID: z.string().min(1),
    S3_SECRET_ACCESS_KEY: z.string().min(1),
    S3_BUCKET: z.string().min(3),
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL"),
    MAIL_FROM: z.string().min(3),
    /** Every session ends this many days after its sign-in, however active (sign in again then). */
    SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(60),
    /** How often an open event stream checks that its session still stands (signed out, password changed...). */
    SESSION_RECHECK_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
    TURN_SECRET: z.string().min(8),
    TURN_URLS: csv,
    STUN_URLS: csv,
    /** How long TURN credentials can open a relay (coturn checks them only then, so a longer call keeps its relay). */
    TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(600).default(600),
    /** "relay" makes every call go through TURN (hides users' addresses from each other; the e2e tests use it). */
    ICE_TRANSPORT_POLICY: z.enum(["all", "relay"]).default("all"),
    /**
     * Group calls on a self-hosted Jitsi (see jitsi/). JITSI_DOMAIN is the public host serving external_api.js; unset,
     * group rooms are switched off. The rest must match jitsi/jitsi.env (`npm run jitsi:check` compares them).
     */
    JITSI_DOMAIN: optional,
    JITSI_APP_ID: z.string().min(1).default("hearth"),
    JITSI_APP_SECRET: optional,
    /** The `aud` claim; must be accepted by Prosody (JWT_ACCEPTED_AUDIENCES). */
    JITSI_AUDIENCE: z.string().min(1).default("hearth"),
    /** The `sub` claim: Jitsi's XMPP domain (docker-jitsi-meet: meet.jitsi). */
    JITSI_XMPP_DOMAIN: z.string().min(1).default("meet.jitsi"),
    /** How long a Jitsi token opens the door: someone who lost access cannot rejoin with an older one after this. */
    JITSI_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(600).default(120),
    /** HS256 signs with JITSI_APP_SECRET; RS256 signs with JITSI_PRIVATE_KEY (PEM) and names JITSI_KEY_ID as `kid`. */
    JITSI_JWT_ALGORITHM: z.enum(["HS256", "RS256"]).default("HS256"),
    JITSI_PRIVATE_KEY: optional,
    JITSI_KEY_ID: optional,
    /** Shared secret the Prosody event webhook sends in its header. */
    JITSI_WEBHOOK_SECRET: optional,
    // Web Push (VAPID). Push is off while these are unset; make a pair with `npx web-push generate-vapid-keys`.
    VAPID_PUBLIC_KEY: optional,
    VAPID_PRIVATE_KEY: optional,
    /**
     * Push services Hearth sends Web Push to: hosts, or `*.` suffixes (browsers' own services by default). A
     * subscription names a URL the server will POST to, so any other host is refused (no requests into the network).
     */
    PUSH_SERVICE_HOSTS: z
      .string()
      .default("fcm.googleapis.com,*.push.services.mozilla.com,*.push.apple.com,*.notify.windows.com")
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)/, "must be a mailto: or https:// URL")
      .default("mailto:admin@hearth.local"),
    UNREAD_EMAIL_DELAY_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(900),
    /**
     * ClamAV's daemon, which scans every chat attachment before it can be sent: tcp://host:port or a unix socket path.
     * Required in production. Unset in development, files cannot be sent at all (nothing passes unscanned).
     */
    CLAMD_URL: optional.superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseClamdUrl(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
    /** How long a "Download my data" archive can be downloaded before the worker removes it. */
    DATA_EXPORT_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    /** Days between "Delete my account" and the purge; signing in and pressing "Keep my account" meanwhile cancels. */
    ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(14),
    /** How often the worker runs each periodic sweep (presence, calls, uploads, exports, deletions...); tests shorten it. */
    SWEEP_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** How long the worker waits at start-up for PostgreSQL and Redis to answer before it gives up and exits. */
    WORKER_STARTUP_WAIT_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  })
  .superRefine((e, ctx) => {
    // Production never runs with published development values (production-config.ts); each problem names its setting.
    if (e.NODE_ENV === "production") {
      const local = isLocalUrl(e.APP_URL);
      if (e.HEARTH_ALLOW_DEV_SECRETS && !local)
        ctx.addIssue({
          code: "custom",
          path: ["HEARTH_ALLOW_DEV_SECRETS"],
          message: "is only for a production build on this machine (APP_URL on localhost); remove it",
        });
      if (!(e.HEARTH_ALLOW_DEV_SECRETS && local))
        for (const message of productionProblems(e)) ctx.addIssue({ code: "custom", path: ["production"], message });
      if (!e.CLAMD_URL)
        ctx.addIssue({
          code: "custom",
          path: ["CLAMD_URL"],
          message: "is required in production: every upload is scanned by ClamAV's clamd (e.g. tcp://clamav:3310)",
        });
    }
    if (!e.JITSI_DOMAIN) return;
    const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (e.JITSI_JWT_ALGORITHM === "HS256" && (e.JITSI_APP_SECRET ?? "").length < 32)
      need(
        "JITSI_APP_SECRET",
        "must be at least 32 characters when JITSI_DOMAIN is set (the same as JWT_APP_SECRET in jitsi/jitsi.env)",
      );
    if (e.JITSI_JWT_ALGORITHM === "RS256" && !e.JITSI_PRIVATE_KEY)
      need("JITSI_PRIVATE_KEY", "is required for RS256 (a PEM private key)");
    if (e.JITSI_JWT_ALGORITHM === "RS256" && !e.JITSI_KEY_ID)
      need("JITSI_KEY_ID", "is required for RS256 (the kid Prosody looks the public key up by)");
    if (!e.JITSI_WEBHOOK_SECRET || e.JITSI_WEBHOOK_SECRET.length < 32)
      need("JITSI_WEBHOOK_SECRET", "must be at least 32 characters when JITSI_DOMAIN is set");
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        if (name === "production") return `production: ${issue.message}`;
        const missing = issue.code === "invalid_type" && source[name] === undefined;
        return missing ? `${name} is missing` : `${name}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}

/**
 * Auth.js builds its callback and redirect URLs from AUTH_URL, or else from the request's Host header, which a
 * client controls. Hearth's public URL is APP_URL: it becomes AUTH_URL unless one is set explicitly.
 */
export function authUrlFromAppUrl(processEnv: Record<string, string | undefined>, appUrl: string): void {
  if (!processEnv.AUTH_URL) processEnv.AUTH_URL = appUrl;
}

let cached: Env | undefined;

/** The validated environment. The first call validates; a bad variable throws an EnvError naming it. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
