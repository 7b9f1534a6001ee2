#!/usr/bin/env bash
# Attacks a local Hearth with Debian's wapiti (crawler + injection, XSS, CRLF, SSRF, file and exec modules) and sqlmap
# (SQL injection into the tRPC queries that take free text), signed in as a demo account. Not part of CI: run it
# before a release, read the report, fix what it finds.
#
#   bash scripts/security/scan.sh            # builds if needed, serves a production build on :3300, scans, stops
#
# Everything targets 127.0.0.1 only, with its own database (hearth_scan) and Redis db (7), so the scanners' junk never
# reaches development data. Bounded: SCAN_MINUTES (default 10) caps wapiti, each sqlmap target gets SQLMAP_SECONDS
# (default 180). Reports: .stack/security/<timestamp>/ (wapiti.json, wapiti.html, sqlmap/, summary.txt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. scripts/lib/ensure-deps.sh
. scripts/stack/ports.sh

PORT="${SCAN_PORT:-3300}"
BASE="http://localhost:$PORT"
SCAN_MINUTES="${SCAN_MINUTES:-10}"
SQLMAP_SECONDS="${SQLMAP_SECONDS:-180}"
OUT=".stack/security/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT/sqlmap"

if ! command -v wapiti >/dev/null || ! command -v sqlmap >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "scan.sh: wapiti and sqlmap are missing; run as root (apt-get install wapiti sqlmap)" >&2; exit 1; }
  log "installing wapiti and sqlmap (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wapiti sqlmap >/dev/null
fi

ensure_node_modules
bash scripts/stack/up.sh
ensure_prisma_client
[ -f web/.next/BUILD_ID ] || { log "building (next build web)"; node_modules/.bin/next build web; }

set -a
# shellcheck disable=SC1091
[ -f .env ] && . ./.env || . ./.env.example
set +a
export NODE_ENV=production HEARTH_ALLOW_DEV_SECRETS=true APP_URL="$BASE" AUTH_URL="$BASE" PORT
export DATABASE_URL="postgresql://hearth:hearth@127.0.0.1:$STACK_PG_PORT/hearth_scan" REDIS_URL="redis://127.0.0.1:$STACK_REDIS_PORT/7"
export CLAMD_URL="${CLAMD_URL:-tcp://127.0.0.1:$STACK_CLAMD_PORT}"
node --import tsx scripts/db/migrate.ts deploy >/dev/null
node --import tsx prisma/seed.ts

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM
node --import tsx web/server.ts -p "$PORT" >"$OUT/server.log" 2>&1 &
pids+=($!)
node --import tsx worker/main.ts >"$OUT/worker.log" 2>&1 &
pids+=($!)
until curl -fsS -o /dev/null "$BASE/sign-in"; do sleep 0.5; kill -0 "${pids[0]}" || { tail -30 "$OUT/server.log"; exit 1; }; done

# Sign in as the first demo account through Auth.js's own credentials flow (CSRF token, then the callback).
jar="$OUT/cookies.txt"
csrf=$(curl -fsS -c "$jar" "$BASE/api/auth/csrf" | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).csrfToken))')
curl -fsS -b "$jar" -c "$jar" -o /dev/null -X POST "$BASE/api/auth/callback/credentials" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=ada@hearth.local" --data-urlencode "password=hearth demo password"
session=$(awk '$6 == "authjs.session-token" { print $7 }' "$jar")
[ -n "$session" ] || { echo "scan.sh: could not sign in as the demo account" >&2; exit 1; }
cookie="authjs.session-token=$session"
log "signed in as ada@hearth.local; scanning $BASE for at most $SCAN_MINUTES min (wapiti) + sqlmap"

# wapiti: crawl from the signed-in home page. (No -x exclusions: Debian's wapiti 3.0.4 crashes on any under Python
# 3.11. Sign-out is a server action, which a crawler's plain form POST cannot trigger.)
timeout $((SCAN_MINUTES * 60 + 120)) wapiti -u "$BASE/" --scope folder -H "Cookie: $cookie" \
  -m "exec,file,sql,xss,crlf,redirect,ssrf,blindsql,permanentxss,csrf,methods,http_headers,cookieflags" \
  --max-scan-time $((SCAN_MINUTES * 60)) --max-attack-time 120 --flush-session -v 1 \
  -f json -o "$OUT/wapiti.json" >"$OUT/wapiti.log" 2>&1 || log "wapiti ended with $? (see $OUT/wapiti.log)"
timeout 120 wapiti -u "$BASE/" --scope folder -H "Cookie: $cookie" --skip-crawl -m "" -f html -o "$OUT/wapiti-html" >/dev/null 2>&1 || true

# sqlmap: the tRPC queries that put free text into SQL (search, message search, profile lookup), `*` marks the spot.
enc() { node -e 'console.log(encodeURIComponent(process.argv[1]).replace(/%2A/g, "*"))' "$1"; }
targets=(
  "search.users?input=$(enc '{"json":{"query":"ada*"}}')"
  "chat.search?input=$(enc '{"json":{"query":"hello*"}}')"
  "profile.byUsername?input=$(enc '{"json":{"username":"grace*"}}')"
)
for target in "${targets[@]}"; do
  name="${target%%\?*}"
  timeout "$SQLMAP_SECONDS" sqlmap -u "$BASE/api/trpc/$target" --cookie "$cookie" --batch --level 3 --risk 2 \
    --dbms PostgreSQL --output-dir "$OUT/sqlmap" --flush-session --disable-coloring >"$OUT/sqlmap/$name.log" 2>&1 || true
done

# Summary: wapiti's findings by category, and whether sqlmap called anything injectable.
{
  echo "Hearth security scan $(date -u +%FT%TZ) against $BASE (signed in as ada@hearth.local)"
  echo
  echo "wapiti 3.0.4 (modules: exec file sql xss crlf redirect ssrf blindsql permanentxss csrf methods http_headers cookieflags):"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const findings = Object.values({ ...r.vulnerabilities, ...r.anomalies, ...r.additionals }).flat().length;
    console.log(`  findings: ${findings}`);
    for (const [kind, list] of Object.entries({ ...r.vulnerabilities, ...r.anomalies, ...r.additionals })) if (list.length) {
      console.log(`  ${kind}: ${list.length}`);
      for (const v of list.slice(0, 5)) console.log(`    - ${v.method} ${v.path}: ${String(v.info).slice(0, 160)}`);
    }
  ' "$OUT/wapiti.json" 2>/dev/null || echo "  (no wapiti report: see wapiti.log)"
  echo
  echo "sqlmap 1.7 (level 3, risk 2, PostgreSQL):"
  for target in "${targets[@]}"; do
    name="${target%%\?*}"
    if grep -q "is vulnerable\|sqlmap identified the following injection" "$OUT/sqlmap/$name.log"; then verdict="INJECTABLE (see sqlmap/$name.log)"
    elif grep -q "all tested parameters do not appear to be injectable\|does not seem to be injectable" "$OUT/sqlmap/$name.log"; then verdict="not injectable"
    else verdict="inconclusive (time limit; see sqlmap/$name.log)"; fi
    echo "  $name: $verdict"
  done
} | tee "$OUT/summary.txt"
log "report in $OUT"
