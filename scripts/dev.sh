#!/usr/bin/env bash
# The one command for a newcomer: installs what is missing, starts PostgreSQL, Redis, S3 (s3rver), a mail sink,
# coturn and clamd, applies migrations, seeds demo users, then serves the app (next dev) and runs the worker.
# Ctrl-C stops everything this script started. HEARTH_KEEP_STACK=1 leaves the services running afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/ensure-deps.sh
. scripts/stack/ports.sh

PORT="${PORT:-$DEV_PORT}"
t0=$(now_ms)
ensure_env_file
ensure_node_modules
bash scripts/stack/up.sh
log "stack ready in $(since "$t0")"
set -a
# shellcheck disable=SC1091
. ./.env
set +a
unset NODE_ENV
ensure_prisma_client
node --import tsx scripts/db/migrate.ts deploy
node --import tsx prisma/seed.ts

pids=()
cleanup() {
  trap - INT TERM EXIT
  log "stopping the app and the worker"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${HEARTH_KEEP_STACK:-0}" != 1 ]; then bash scripts/stack/down.sh; fi
}
trap cleanup INT TERM EXIT

node --import tsx worker/main.ts &
pids+=($!)
node_modules/.bin/next dev web -p "$PORT" &
pids+=($!)

until curl -fsS -o /dev/null "http://localhost:$PORT/sign-in" 2>/dev/null; do
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { log "a process exited during start-up"; exit 1; }; done
  sleep 1
done
cat <<MSG

  Hearth is running at http://localhost:$PORT   (ready $(since "$t0") after start)

  Demo logins (password: hearth demo password):
    ada@hearth.local, grace@hearth.local, alan@hearth.local, katherine@hearth.local, linus@hearth.local
    admin@hearth.local  (an admin: asked to set up two-factor authentication first)

  Emails the app sends (verification, password reset): http://127.0.0.1:$STACK_MAIL_HTTP_PORT
  Ctrl-C stops the app, the worker and the services.

MSG
wait -n "${pids[@]}"
