#!/usr/bin/env bash
# The whole test suite: lint, types, migration drift, unit, integration (real PostgreSQL, Redis, S3, SMTP), the
# production build's performance budget and browser end-to-end (Debian's Chromium against that build). Starts the
# services it needs and stops them afterwards (HEARTH_KEEP_STACK=1 keeps them). Fails on the first failing step.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/ensure-deps.sh
. scripts/stack/ports.sh

timings=()
step() {
  local name="$1"; shift
  log "── $name"
  local t; t=$(now_ms)
  "$@"
  timings+=("$(printf '%-22s %8s' "$name" "$(since "$t")")")
}

t_all=$(now_ms)
step "npm ci" ensure_node_modules
step "stack up" bash scripts/stack/up.sh
if [ "${HEARTH_KEEP_STACK:-0}" != 1 ]; then trap 'bash scripts/stack/down.sh' EXIT; fi
unset NODE_ENV
step "prisma generate" ensure_prisma_client
step "lint" npm run --silent lint
step "typecheck" npm run --silent typecheck
step "migrations match schema" env DATABASE_URL="postgresql://hearth:hearth@127.0.0.1:$STACK_PG_PORT/hearth_test" node --import tsx scripts/db/migrate.ts check
step "unit tests" npx vitest run --project unit
step "integration tests" npx vitest run --project integration
step "next build" node_modules/.bin/next build web
step "performance budget" npx vitest run --project build
step "browser e2e" npx playwright test -c tests/e2e/playwright.config.ts

log "all green in $(since "$t_all")"
printf '  %s\n' "${timings[@]}"
