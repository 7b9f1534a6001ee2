#!/usr/bin/env bash
# Starts the local service stack as plain processes, with all data, logs and pidfiles under .stack/:
#   postgres  STACK_PG_PORT     (.stack/postgres)  PostgreSQL 15, superuser hearth/hearth, dbs hearth + hearth_test
#   redis     STACK_REDIS_PORT  (.stack/redis)
#   s3        STACK_S3_PORT     (.stack/s3)        s3rver, key S3RVER/S3RVER, bucket hearth with open CORS
#   mail      STACK_SMTP_PORT SMTP, STACK_MAIL_HTTP_PORT UI + /api/messages  (.stack/mail)
#   turn      STACK_TURN_PORT udp+tcp  (.stack/coturn)  coturn, TURN REST secret = $TURN_SECRET
#   clamav    STACK_CLAMD_PORT  (.stack/clamav)    clamd scanning uploads; offline signature db: the EICAR test string only
# all on 127.0.0.1, at the ports in scripts/stack/ports.env (PostgreSQL 5433, Redis 6380, S3 9000, SMTP 1025, mail
# UI 8025, TURN 3478, clamd 3310).
# Services already running and healthy are left alone, so running it twice is a no-op.
# Each port can be overridden by setting its variable. STACK_CLAMAV_DB=/var/lib/clamav makes clamd load a real freshclam database instead (slow to load).
# STACK_TIMEOUT (s, default 30) bounds each health wait. STACK_SKIP_INSTALL=1 skips install.sh.
# HEARTH_STACK=docker runs the same services with docker compose instead (laptop mode).
# Stop with scripts/stack/down.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$STACK_ROOT"

if [ "${HEARTH_STACK:-}" = docker ]; then
  docker compose version >/dev/null 2>&1 || die "HEARTH_STACK=docker needs the docker CLI with the compose v2 plugin"
  say "docker mode (docker/compose.yml); MinIO needs an 8+ char secret: set S3_SECRET_ACCESS_KEY=S3RVER1234 in .env"
  # minio-init is a one-shot: `up --wait` treats its exit (even 0) as a failure when nothing in the
  # started set depends on it, so it runs separately, with its exit code checked.
  docker_compose up -d --wait postgres redis minio mailpit coturn clamav
  docker_compose run --rm minio-init
  docker_compose ps
  exit 0
fi

[ "${STACK_SKIP_INSTALL:-0}" = 1 ] || bash "$STACK_SCRIPTS/install.sh"
if [ ! -f node_modules/s3rver/bin/s3rver.js ] || [ ! -d node_modules/tsx ] || [ ! -d node_modules/smtp-server ]; then
  say "node_modules incomplete: running npm ci"
  npm ci --no-audit --no-fund
fi

mkdir -p "$STACK_DIR"
chmod 755 "$STACK_DIR"
exec 9>"$STACK_DIR/.lock"
flock -w 120 9 || die "another scripts/stack/up.sh or down.sh holds $STACK_DIR/.lock"

T0=$(date +%s%N)
declare -A STATE=()

# A port taken by something that is not ours would make a start fail confusingly: say so clearly.
ensure_port_free() {
  local name="$1" port="$2"
  if tcp_open "$port"; then
    die "$name: port $port on 127.0.0.1 is already used by another process (see: ss -ltnp 'sport = :$port'); stop it or set the STACK_*_PORT override"
  fi
}

# Wait until <check> passes; fail fast if the process behind <pidfile> died. Prints logs on failure.
await() {
  local name="$1" dir="$2" pidfile="$3" expect="$4" check="$5"
  [ "${STATE[$name]:-}" = running ] && return 0  # just checked healthy
  local deadline=$(( $(date +%s) + STACK_TIMEOUT ))
  until $check; do
    if [ -s "$pidfile" ] && ! pid_alive "$pidfile" "$expect"; then
      warn "$name: process exited during start-up"; tail_logs "$dir"; exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      warn "$name: not healthy after ${STACK_TIMEOUT}s"; tail_logs "$dir"; exit 1
    fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------- redis
REDIS_DIR="$STACK_DIR/redis"
redis_ok() { [ "$(redis-cli -h 127.0.0.1 -p "$STACK_REDIS_PORT" ping 2>/dev/null)" = PONG ]; }
start_redis() {
  mkdir -p "$REDIS_DIR"
  if pid_alive "$REDIS_DIR/redis.pid" redis-server && redis_ok; then STATE[redis]=running; return; fi
  if pid_alive "$REDIS_DIR/redis.pid" redis-server; then STATE[redis]=waiting; return; fi
  ensure_port_free redis "$STACK_REDIS_PORT"
  rm -f "$REDIS_DIR/redis.pid"
  # Dev settings: no RDB snapshots, no AOF (queues and rate limits are disposable locally).
  redis-server --bind 127.0.0.1 --port "$STACK_REDIS_PORT" --daemonize yes \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    --save "" --appendonly no 9>&-
  STATE[redis]=started
}

# ---------------------------------------------------------------- s3 (s3rver)
S3_DIR="$STACK_DIR/s3"
s3_ok() { http_up "http://127.0.0.1:$STACK_S3_PORT/"; }
start_s3() {
  mkdir -p "$S3_DIR/data"
  if pid_alive "$S3_DIR/s3rver.pid" s3rver.js && s3_ok; then STATE[s3]=running; return; fi
  if pid_alive "$S3_DIR/s3rver.pid" s3rver.js; then STATE[s3]=waiting; return; fi
  ensure_port_free s3 "$STACK_S3_PORT"
  # Browsers upload with presigned PUTs straight to the bucket, from any dev origin.
  cat >"$S3_DIR/cors.xml" <<'XML'
<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>DELETE</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
XML
  # Access key S3RVER / secret S3RVER are s3rver's built-in credentials.
  spawn_bg "$S3_DIR/s3rver.pid" "$S3_DIR/s3rver.log" \
    node "$STACK_ROOT/node_modules/s3rver/bin/s3rver.js" -d "$S3_DIR/data" -a 127.0.0.1 -p "$STACK_S3_PORT" \
    --configure-bucket hearth "$S3_DIR/cors.xml"
  STATE[s3]=started
}

# ---------------------------------------------------------------- mail sink
MAIL_DIR="$STACK_DIR/mail"
mail_ok() { tcp_open "$STACK_SMTP_PORT" && http_up "http://127.0.0.1:$STACK_MAIL_HTTP_PORT/api/messages"; }
start_mail() {
  mkdir -p "$MAIL_DIR"
  if pid_alive "$MAIL_DIR/mail-sink.pid" mail-sink.ts && mail_ok; then STATE[mail]=running; return; fi
  if pid_alive "$MAIL_DIR/mail-sink.pid" mail-sink.ts; then STATE[mail]=waiting; return; fi
  ensure_port_free mail-smtp "$STACK_SMTP_PORT"
  ensure_port_free mail-http "$STACK_MAIL_HTTP_PORT"
  # `node --import tsx` is `npx tsx` in a single process, so the pidfile is the server itself.
  spawn_bg "$MAIL_DIR/mail-sink.pid" "$MAIL_DIR/mail-sink.log" \
    env MAIL_SINK_DIR="$MAIL_DIR" MAIL_SINK_SMTP_PORT="$STACK_SMTP_PORT" MAIL_SINK_HTTP_PORT="$STACK_MAIL_HTTP_PORT" \
    node --import tsx "$STACK_SCRIPTS/mail-sink.ts"
  STATE[mail]=started
}

# ---------------------------------------------------------------- coturn
TURN_DIR="$STACK_DIR/coturn"
turn_ok() { pid_alive "$TURN_DIR/turnserver.pid" turnserver && tcp_open "$STACK_TURN_PORT" && stun_ok "$STACK_TURN_PORT"; }
start_turn() {
  mkdir -p "$TURN_DIR"
  if turn_ok; then STATE[turn]=running; return; fi
  if pid_alive "$TURN_DIR/turnserver.pid" turnserver; then STATE[turn]=waiting; return; fi
  ensure_port_free turn "$STACK_TURN_PORT"
  local secret; secret="$(env_value TURN_SECRET)"
  [ -n "$secret" ] || die "turn: TURN_SECRET is empty (set it in .env)"
  ( umask 077; cat >"$TURN_DIR/turnserver.conf" <<CONF
# Generated by scripts/stack/up.sh on every start: LOCAL DEVELOPMENT ONLY.
#
# PRODUCTION MUST NOT use allow-loopback-peers and MUST deny private/internal peer ranges,
# otherwise any user holding TURN credentials can relay traffic into the server's own network
# (SSRF through TURN): keep no-multicast-peers and add denied-peer-ip for 0.0.0.0/8, 10.0.0.0/8,
# 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16, ::1, fc00::/7, fe80::/10.
listening-ip=127.0.0.1
relay-ip=127.0.0.1
listening-port=$STACK_TURN_PORT
min-port=49160
max-port=49200
realm=hearth.local
# TURN REST API credentials (username "<expiry>:<user>", password HMAC-SHA1 of it), minted by the app.
use-auth-secret
static-auth-secret=$secret
fingerprint
no-tls
no-dtls
# allow-loopback-peers is ignored (turnserver refuses to start) unless the CLI is disabled.
no-cli
allow-loopback-peers
no-multicast-peers
no-software-attribute
userdb=$TURN_DIR/turndb
pidfile=$TURN_DIR/turnserver.pid
log-file=$TURN_DIR/turnserver.log
simple-log
CONF
  )
  spawn_bg "$TURN_DIR/turnserver.pid" "$TURN_DIR/console.log" turnserver -c "$TURN_DIR/turnserver.conf"
  STATE[turn]=started
}

# ---------------------------------------------------------------- clamav (clamd)
CLAM_DIR="$STACK_DIR/clamav"
clamd_ok() { clamd_pong "$STACK_CLAMD_PORT"; }
# Offline there are no freshclam signatures, so the stack writes its own database with sigtool: one body signature
# for the EICAR anti-virus test string (anywhere in a file). The string is assembled here rather than written out
# whole, so that a scanner on a developer's machine does not flag this script.
write_clam_db() {
  local db="$CLAM_DIR/db" eicar_hex
  mkdir -p "$db"
  eicar_hex="$(printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-' 'STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' | sigtool --hex-dump)"
  [ "${#eicar_hex}" -eq 136 ] || die "clamav: sigtool --hex-dump gave an unexpected EICAR signature"
  printf 'Hearth.Test.EICAR:0:*:%s\n' "$eicar_hex" >"$db/hearth-test.ndb.tmp"
  mv "$db/hearth-test.ndb.tmp" "$db/hearth-test.ndb"
}
start_clamav() {
  mkdir -p "$CLAM_DIR"
  if pid_alive "$CLAM_DIR/clamd.pid" clamd && clamd_ok; then STATE[clamav]=running; return; fi
  if pid_alive "$CLAM_DIR/clamd.pid" clamd; then STATE[clamav]=waiting; return; fi
  ensure_port_free clamav "$STACK_CLAMD_PORT"
  write_clam_db
  # Limits: attachments are at most 25 MB (a larger stream is refused with an ERROR, which the app treats as a failure).
  cat >"$CLAM_DIR/clamd.conf" <<CONF
# Generated by scripts/stack/up.sh on every start.
Foreground yes
TCPSocket $STACK_CLAMD_PORT
TCPAddr 127.0.0.1
DatabaseDirectory ${STACK_CLAMAV_DB:-$CLAM_DIR/db}
TemporaryDirectory $CLAM_DIR
LogFile $CLAM_DIR/clamd.log
LogTime yes
SelfCheck 0
StreamMaxLength 30M
MaxFileSize 30M
MaxScanSize 100M
CONF
  spawn_bg "$CLAM_DIR/clamd.pid" "$CLAM_DIR/console.log" /usr/sbin/clamd -c "$CLAM_DIR/clamd.conf"
  STATE[clamav]=started
}

# ---------------------------------------------------------------- postgres
PG_DIR="$STACK_DIR/postgres"
PGDATA="$PG_DIR/data"
pg_as() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ok() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$STACK_PG_PORT" -d postgres -U hearth; }
pg_sql() { PGPASSWORD=hearth "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$STACK_PG_PORT" -U hearth -d postgres -tAc "$1"; }
start_pg() {
  mkdir -p "$PG_DIR"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "postgres: OS user 'postgres' missing (run scripts/stack/install.sh)"
    chown postgres:postgres "$PG_DIR"
    # The postgres user must be able to reach .stack/postgres: grant traverse-only (o+x) where missing.
    if ! runuser -u postgres -- test -x "$PG_DIR"; then
      local d="" part parts
      IFS=/ read -ra parts <<<"${PG_DIR#/}"
      for part in "${parts[@]}"; do
        d="$d/$part"
        if ! runuser -u postgres -- test -x "$d"; then say "postgres: chmod o+x $d (traverse only)"; chmod o+x "$d"; fi
      done
    fi
  fi
  if pg_as "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 && pg_ok; then STATE[postgres]=running; return; fi
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pg_as rm -rf "$PGDATA"
    local pw="$PG_DIR/.initdb-pw"
    printf 'hearth\n' >"$pw"; chmod 600 "$pw"; is_root && chown postgres:postgres "$pw"
    pg_as "$PG_BIN/initdb" -D "$PGDATA" -U hearth --pwfile="$pw" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
      || { rm -f "$pw"; warn "postgres: initdb failed"; tail_logs "$PG_DIR"; exit 1; }
    rm -f "$pw"
    pg_as sh -c "echo \"include_if_exists = 'hearth.conf'\" >>'$PGDATA/postgresql.conf'"
    STATE[postgres]=initialised
  fi
  if pg_as "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    STATE[postgres]="${STATE[postgres]:-waiting}"
  else
    ensure_port_free postgres "$STACK_PG_PORT"
    # Rewritten on every start so STACK_PG_PORT applies. TCP only (no unix socket: long paths break it).
    # fsync/synchronous_commit off: fast local dev and tests; data may be lost if the machine crashes.
    pg_as sh -c "cat >'$PGDATA/hearth.conf'" <<CONF
port = $STACK_PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    pg_as "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_DIR/postgres.log" -w -t "$STACK_TIMEOUT" -s start 9>&- \
      || { warn "postgres: pg_ctl start failed"; tail_logs "$PG_DIR"; exit 1; }
    STATE[postgres]="${STATE[postgres]:-started}"
  fi
  await postgres "$PG_DIR" /dev/null "" pg_ok
  local db
  for db in hearth hearth_test; do
    if [ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
      pg_sql "CREATE DATABASE $db OWNER hearth" && say "postgres: created database $db"
    fi
  done
}

# ---------------------------------------------------------------- go
# Launch the background services first, then do postgres (initdb takes the longest) while they boot.
start_redis
start_s3
start_mail
start_turn
start_clamav
start_pg
await redis "$REDIS_DIR" "$REDIS_DIR/redis.pid" redis-server redis_ok
await s3 "$S3_DIR" "$S3_DIR/s3rver.pid" s3rver.js s3_ok
await mail "$MAIL_DIR" "$MAIL_DIR/mail-sink.pid" mail-sink.ts mail_ok
await turn "$TURN_DIR" "$TURN_DIR/turnserver.pid" turnserver turn_ok
await clamav "$CLAM_DIR" "$CLAM_DIR/clamd.pid" clamd clamd_ok

label() { case "$1" in running) echo "already running";; *) echo "$1";; esac; }
printf '%-9s %-16s %s\n' \
  postgres "$(label "${STATE[postgres]}")" "postgresql://hearth:hearth@127.0.0.1:$STACK_PG_PORT/hearth (+ hearth_test)" \
  redis "$(label "${STATE[redis]}")" "redis://127.0.0.1:$STACK_REDIS_PORT/0" \
  s3 "$(label "${STATE[s3]}")" "http://127.0.0.1:$STACK_S3_PORT bucket=hearth key=S3RVER/S3RVER" \
  mail "$(label "${STATE[mail]}")" "smtp://127.0.0.1:$STACK_SMTP_PORT  ui+api http://127.0.0.1:$STACK_MAIL_HTTP_PORT/api/messages" \
  turn "$(label "${STATE[turn]}")" "turn:127.0.0.1:$STACK_TURN_PORT (udp+tcp) realm=hearth.local" \
  clamav "$(label "${STATE[clamav]}")" "tcp://127.0.0.1:$STACK_CLAMD_PORT (clamd)"
say "stack up in $(( ($(date +%s%N) - T0) / 1000000 )) ms (data under $STACK_DIR; stop with scripts/stack/down.sh)"
