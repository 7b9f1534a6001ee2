# Sourced by scripts/dev.sh and scripts/test.sh: Node dependencies, the generated Prisma client, and .env.
# shellcheck shell=bash

# Offline machines: no telemetry or update checks from Next.js and Prisma.
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1

log() { printf '\033[1;33m[hearth]\033[0m %s\n' "$*"; }

ensure_node_modules() {
  # npm ci when node_modules is missing or older than the lockfile.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing Node dependencies (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

ensure_prisma_client() {
  if [ ! -f web/src/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt web/src/generated/prisma/client.ts ]; then
    log "generating the Prisma client"
    bash scripts/db/generate.sh >/dev/null
  fi
}

ensure_env_file() {
  if [ ! -f .env ]; then
    log "creating .env from .env.example (edit it to change settings)"
    cp .env.example .env
  fi
}

# Milliseconds since an earlier $(now_ms).
now_ms() { date +%s%3N; }
since() { echo "$(( $(now_ms) - $1 )) ms"; }
