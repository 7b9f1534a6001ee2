#!/usr/bin/env bash
# Makes a Docker deployment's secrets, once, so it never runs with the development values published in this
# repository (the app refuses to start in production with them). Writes three git-ignored files:
#   .env                      the app's settings: .env.example with every secret replaced (and ADMIN_EMAILS)
#   docker/.env               what docker/compose.yml gives PostgreSQL, Redis and MinIO (compose reads it itself)
#   jitsi/jitsi.secrets.env   Jitsi's side of the shared secrets and its internal passwords, over jitsi/jitsi.env
#
#   bash scripts/secrets.sh [--admin you@your.domain] [--app-url https://hearth.your.domain] [--force]
#
# Existing files are kept (so secrets are not rotated by accident) unless --force. Then:
#   docker compose -f docker/compose.yml up -d --build --wait
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/stack/ports.sh

admin="" app_url="" force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --admin) admin="${2:?--admin needs an email address}"; shift 2 ;;
    --app-url) app_url="${2:?--app-url needs a URL}"; shift 2 ;;
    --force) force=1; shift ;;
    *) echo "secrets.sh: unknown argument $1 (see the header of scripts/secrets.sh)" >&2; exit 2 ;;
  esac
done

for file in .env docker/.env jitsi/jitsi.secrets.env; do
  if [ -e "$file" ] && [ "$force" != 1 ]; then
    echo "secrets.sh: $file exists; keeping every file as it is (--force makes new secrets, and signs everyone out)." >&2
    exit 1
  fi
done

# 32 random bytes, URL-safe base64 (no characters that need quoting in a URL or an env file).
secret() { node -e 'process.stdout.write(require("node:crypto").randomBytes(Number(process.argv[1])).toString("base64url"))' "${1:-32}"; }

auth_secret=$(secret) turn_secret=$(secret) jitsi_secret=$(secret) webhook_secret=$(secret)
pg_password=$(secret 24) redis_password=$(secret 24) s3_key=$(secret 12) s3_secret=$(secret 32)

# .env: the example with the secrets replaced, line by line (comments and order kept).
node - "$auth_secret" "$turn_secret" "$jitsi_secret" "$webhook_secret" "$pg_password" "$redis_password" "$s3_key" "$s3_secret" "$admin" "$app_url" "$STACK_PG_PORT" "$STACK_REDIS_PORT" <<'JS' > .env.tmp
const fs = require("node:fs");
const [auth, turn, jitsi, webhook, pg, redis, s3Key, s3Secret, admin, appUrl, pgPort, redisPort] = process.argv.slice(2);
const replace = {
  AUTH_SECRET: auth,
  TURN_SECRET: turn,
  JITSI_APP_SECRET: jitsi,
  JITSI_WEBHOOK_SECRET: webhook,
  DATABASE_URL: `postgresql://hearth:${pg}@127.0.0.1:${pgPort}/hearth`,
  REDIS_URL: `redis://:${redis}@127.0.0.1:${redisPort}/0`,
  S3_ACCESS_KEY_ID: s3Key,
  S3_SECRET_ACCESS_KEY: s3Secret,
  ADMIN_EMAILS: admin,
  ...(appUrl ? { APP_URL: appUrl } : {}),
};
const lines = fs.readFileSync(".env.example", "utf8").split("\n").map((line) => {
  const name = /^([A-Z0-9_]+)=/.exec(line)?.[1];
  return name && name in replace ? `${name}=${replace[name]}` : line;
});
process.stdout.write(`# Made by scripts/secrets.sh on ${new Date().toISOString()}. Keep it private; never commit it.\n${lines.join("\n")}`);
JS
mv .env.tmp .env

cat > docker/.env <<ENV
# Made by scripts/secrets.sh: what docker/compose.yml gives PostgreSQL, Redis and MinIO (the app's .env has the same).
POSTGRES_PASSWORD=$pg_password
REDIS_PASSWORD=$redis_password
S3_ACCESS_KEY_ID=$s3_key
S3_SECRET_ACCESS_KEY=$s3_secret
ENV

cat > jitsi/jitsi.secrets.env <<ENV
# Made by scripts/secrets.sh: Jitsi's side of the secrets it shares with the app (.env), and its own internal
# passwords. docker/compose.yml reads it after jitsi/jitsi.env; npm run jitsi:check compares it with .env.
JWT_APP_SECRET=$jitsi_secret
HEARTH_WEBHOOK_SECRET=$webhook_secret
TURN_CREDENTIALS=$turn_secret
JIBRI_RECORDER_PASSWORD=$(secret 24)
JIBRI_XMPP_PASSWORD=$(secret 24)
JICOFO_AUTH_PASSWORD=$(secret 24)
JVB_AUTH_PASSWORD=$(secret 24)
JICOFO_COMPONENT_SECRET=$(secret 24)
ENV
chmod 600 .env docker/.env jitsi/jitsi.secrets.env

echo "secrets.sh: wrote .env, docker/.env and jitsi/jitsi.secrets.env (mode 600, git-ignored)."
[ -n "$admin" ] || echo "secrets.sh: ADMIN_EMAILS is empty; add your address to .env (it becomes admin once verified)."
