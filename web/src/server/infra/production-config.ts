import "server-only";
/**
 * What a production deployment must not run with: the development values published in .env.example,
 * jitsi/jitsi.env and docker/compose.yml, placeholders, an http:// public URL, or example admin addresses. The
 * list of published values is checked against those files by a unit test, so it cannot fall behind them.
 * Pure: parseEnv (env.ts) calls it when NODE_ENV=production, and the web server and the worker stop at start-up
 * with every problem named.
 */
export const PUBLISHED_DEV_VALUES: readonly string[] = [
  // .env.example
  "dev-only-secret-change-me-0123456789abcdef",
  "dev-turn-secret-change-me",
  "dev-jitsi-secret-change-me-0123456789abcdef",
  "dev-jitsi-webhook-secret-change-me-0123456789",
  "S3RVER",
  "hearth",
  // docker/compose.yml (MinIO's dev secret) and the test stack
  "S3RVER1234",
  "test-secret-test-secret-test-secret-0123",
];

const MAKE_SECRET = "make one with `openssl rand -base64 32` (or run scripts/secrets.sh)";
const MAKE_PASSWORD = "make one with `openssl rand -hex 24` (or run scripts/secrets.sh)";

/** Words and shapes people leave in templates; and secrets with too little variety to be random. */
export function looksLikePlaceholder(value: string): boolean {
  if (
    /change[-_ ]?me|replace[-_ ]?me|your[-_ ]|placeholder|example|^<.*>$|^(secret|password|passw0rd|admin|test|dev|default|hearth)$/i.test(
      value,
    )
  )
    return true;
  return new Set(value).size < 8;
}

const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|local|localhost|localdomain)$/i;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** http://localhost and loopback addresses: this machine only. */
export function isLocalUrl(url: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

function password(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.password ? decodeURIComponent(parsed.password) : null;
  } catch {
    return null;
  }
}

type ProductionEnv = Readonly<Record<string, unknown>> & { APP_URL: string; ADMIN_EMAILS: string[] };

/** One line per problem, naming the setting and how to make a good value; empty when production-ready. */
export function productionProblems(env: ProductionEnv): string[] {
  const problems: string[] = [];
  const published = new Set(PUBLISHED_DEV_VALUES);
  const secret = (name: string, how: string, required = true) => {
    const value = env[name];
    if (typeof value !== "string" || value === "") {
      if (required) problems.push(`${name} is empty; ${how}`);
      return;
    }
    if (published.has(value)) problems.push(`${name} is the published development value; ${how}`);
    else if (looksLikePlaceholder(value)) problems.push(`${name} looks like a placeholder; ${how}`);
  };

  secret("AUTH_SECRET", MAKE_SECRET);
  secret("TURN_SECRET", `${MAKE_SECRET}, and give coturn the same (static-auth-secret)`);
  secret("JITSI_APP_SECRET", `${MAKE_SECRET}, the same as JWT_APP_SECRET in jitsi.env`, false);
  secret("JITSI_WEBHOOK_SECRET", `${MAKE_SECRET}, the same as HEARTH_WEBHOOK_SECRET in jitsi.env`, false);
  secret(
    "S3_SECRET_ACCESS_KEY",
    "use your object store's own credentials (for MinIO, set MINIO_ROOT_PASSWORD to a new one)",
  );
  secret("S3_ACCESS_KEY_ID", "use your object store's own credentials (for MinIO, a new MINIO_ROOT_USER)");
  secret("VAPID_PRIVATE_KEY", "make a pair with `npx web-push generate-vapid-keys`", false);
  for (const name of ["AUTH_GITHUB_SECRET", "AUTH_GOOGLE_SECRET", "AUTH_OIDC_SECRET"])
    secret(name, "use the client secret your identity provider issued", false);

  const database = password(String(env.DATABASE_URL ?? ""));
  if (!database)
    problems.push(`DATABASE_URL has no password; give the database user one (${MAKE_PASSWORD}) and put it in the URL`);
  else if (published.has(database) || looksLikePlaceholder(database))
    problems.push(`DATABASE_URL uses the published development password; ${MAKE_PASSWORD}`);

  const redis = password(String(env.REDIS_URL ?? ""));
  if (!redis)
    problems.push(
      `REDIS_URL has no password; set Redis's requirepass (${MAKE_PASSWORD}) and use redis://:PASSWORD@host:6379/0`,
    );
  else if (published.has(redis) || looksLikePlaceholder(redis))
    problems.push(`REDIS_URL's password looks like a placeholder; ${MAKE_PASSWORD}`);

  // A trial on one's own machine (docker compose on a laptop) is http://localhost, which browsers treat as secure.
  if (new URL(env.APP_URL).protocol !== "https:" && !isLocalUrl(env.APP_URL))
    problems.push(
      `APP_URL must be https:// in production (${env.APP_URL}): sessions, calls and the camera need a secure origin`,
    );

  const examples = env.ADMIN_EMAILS.filter((email) => EXAMPLE_DOMAIN.test(email.split("@")[1] ?? ""));
  if (examples.length > 0)
    problems.push(
      `ADMIN_EMAILS holds example addresses (${examples.join(", ")}); list the real addresses of this Hearth's admins, or none`,
    );
  return problems;
}
