#!/usr/bin/env bash
# Stops everything scripts/stack/up.sh started (only processes recorded in .stack/ pidfiles).
# Safe to run when some or all services are already stopped. Data in .stack/ is kept;
# `rm -rf .stack` afterwards for a clean slate.
# HEARTH_STACK=docker: docker compose -f docker/compose.yml down (volumes are kept).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$STACK_ROOT"

if [ "${HEARTH_STACK:-}" = docker ]; then
  docker compose version >/dev/null 2>&1 || die "HEARTH_STACK=docker needs the docker CLI with the compose v2 plugin"
  exec docker compose -f "$STACK_ROOT/docker/compose.yml" down
fi

if [ ! -d "$STACK_DIR" ]; then say "nothing to stop ($STACK_DIR does not exist)"; exit 0; fi
exec 9>"$STACK_DIR/.lock"
flock -w 120 9 || die "another scripts/stack/up.sh or down.sh holds $STACK_DIR/.lock"

# ---- postgres: fast shutdown (rolls back open transactions, no crash recovery needed next start)
PGDATA="$STACK_DIR/postgres/data"
pg_as() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -f "$PGDATA/postmaster.pid" ] && pg_as "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  if pg_as "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 -s stop 9>&-; then
    say "postgres: stopped"
  else
    pid="$(head -n 1 "$PGDATA/postmaster.pid" | tr -dc '0-9')"
    warn "postgres: fast stop timed out, sending SIGQUIT (immediate) to $pid"
    if [ -n "$pid" ]; then
      kill -QUIT "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do proc_running "$pid" || break; sleep 0.1; done
    fi
  fi
else
  say "postgres: not running"
fi

# ---- redis: SHUTDOWN NOSAVE (dev data is disposable), pidfile kill as a fallback
REDIS_PID="$STACK_DIR/redis/redis.pid"
if pid_alive "$REDIS_PID" redis-server; then
  pid="$(pid_of "$REDIS_PID")"
  redis-cli -h 127.0.0.1 -p "$STACK_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 1 50); do proc_running "$pid" || break; sleep 0.1; done
  if proc_running "$pid"; then
    stop_pidfile redis "$REDIS_PID" redis-server
  else
    rm -f "$REDIS_PID"; say "redis: stopped"
  fi
else
  rm -f "$REDIS_PID"; say "redis: not running"
fi

# ---- the rest: SIGTERM via pidfile (SIGKILL after 10 s)
stop_pidfile s3 "$STACK_DIR/s3/s3rver.pid" s3rver.js
stop_pidfile mail "$STACK_DIR/mail/mail-sink.pid" mail-sink.ts
stop_pidfile turn "$STACK_DIR/coturn/turnserver.pid" turnserver
stop_pidfile clamav "$STACK_DIR/clamav/clamd.pid" clamd
