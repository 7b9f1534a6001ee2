#!/usr/bin/env bash
# Generates the Prisma client (web/src/generated/prisma) without downloading anything.
#
# `prisma generate` itself needs no schema engine (the prisma-client generator uses the bundled WASM
# query compiler), but the CLI still resolves the native schema-engine binary on start-up and would try
# to download it from binaries.prisma.sh. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
# stops that; the file is never executed by `generate`. Migrations are handled offline by
# scripts/db/migrate.ts (schema engine as WASM).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

dummy_dir="$(mktemp -d)"
trap 'rm -rf "$dummy_dir"' EXIT
dummy="$dummy_dir/schema-engine-unused"
printf '#!/bin/sh\necho "schema engine binary is not available offline; use scripts/db/migrate.ts" >&2\nexit 1\n' >"$dummy"
chmod +x "$dummy"

export PRISMA_SCHEMA_ENGINE_BINARY="$dummy"
export CHECKPOINT_DISABLE=1           # no update-check request to checkpoint.prisma.io
export PRISMA_HIDE_UPDATE_MESSAGE=1
npx --no-install prisma generate "$@"
