# Shared helpers for scripts/stack/*.sh (sourced, not executed).
# Everything the local stack writes lives under $STACK_DIR (.stack/ at the repo root, git-ignored).

STACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${STACK_DIR:-$STACK_ROOT/.stack}"
# shellcheck disable=SC2034  # used by the scripts that source this file
STACK_SCRIPTS="$STACK_ROOT/scripts/stack"

# Ports: STACK_PG_PORT, STACK_REDIS_PORT, ... (defaults in ports.env; an environment variable of the same name wins).
. "$STACK_SCRIPTS/ports.sh"
STACK_TIMEOUT="${STACK_TIMEOUT:-30}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# Value of KEY from the environment, else .env, else .env.example.
env_value() {
  local key="$1" file line
  if [ -n "${!key:-}" ]; then printf '%s' "${!key}"; return; fi
  for file in "$STACK_ROOT/.env" "$STACK_ROOT/.env.example"; do
    [ -f "$file" ] || continue
    line="$(grep -E "^${key}=" "$file" | tail -n 1 || true)"
    if [ -n "$line" ]; then
      line="${line#*=}"; line="${line%\"}"; line="${line#\"}"
      printf '%s' "$line"; return
    fi
  done
}

say()  { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] WARN: %s\n' "$*" >&2; }
die()  { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root (directly, or through sudo).
as_root() {
  if is_root; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root for: $* (run as root or install sudo)"; fi
}

# True if the pid in pidfile $1 is alive (and, if $2 is given, its command line contains $2,
# so a recycled pid is never mistaken for ours).
pid_alive() {
  local pidfile="$1" expect="${2:-}" pid
  [ -s "$pidfile" ] || return 1
  pid="$(head -n 1 "$pidfile" | tr -dc '0-9')"
  [ -n "$pid" ] && proc_running "$pid" || return 1
  if [ -n "$expect" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$expect" || return 1
  fi
  return 0
}

# Is pid $1 a live process? (A zombie waiting to be reaped by init counts as gone.)
proc_running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null || true)"
  [ "$state" != Z ] && [ "$state" != X ]
}

pid_of() { head -n 1 "$1" 2>/dev/null | tr -dc '0-9'; }

# Is something accepting TCP connections on 127.0.0.1:$1?
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# HTTP server answering (any status) at $1?
http_up() {
  local code
  code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)"
  [ -n "$code" ] && [ "$code" != "000" ]
}

# Does clamd on 127.0.0.1:$1 answer PING with PONG? (clamd's z-commands end in a NUL, and so do their replies.)
clamd_pong() (
  reply=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'zPING\0' >&3
  IFS= read -r -t 2 -d '' reply <&3 || true
  exec 3>&-
  [ "$reply" = PONG ]
)

# Send a STUN Binding Request over UDP to 127.0.0.1:$1 and expect a Binding Success Response.
stun_ok() {
  node -e '
    const s = require("dgram").createSocket("udp4");
    const req = Buffer.alloc(20); req.writeUInt16BE(0x0001, 0); req.writeUInt32BE(0x2112a442, 4);
    require("crypto").randomBytes(12).copy(req, 8);
    const done = (ok) => { try { s.close(); } catch {} process.exit(ok ? 0 : 1); };
    s.on("message", (m) => done(m.length >= 20 && m.readUInt16BE(0) === 0x0101 && m.subarray(8, 20).equals(req.subarray(8, 20))));
    s.on("error", () => done(false));
    setTimeout(() => done(false), 1000);
    s.send(req, Number(process.argv[1]), "127.0.0.1");
  ' "$1" 2>/dev/null
}

# wait_for <seconds> <command...>: retry the command every 0.2 s until it succeeds or time runs out.
wait_for() {
  local timeout="$1"; shift
  local deadline=$(( $(date +%s) + timeout ))
  until "$@"; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# Print the last lines of every log in a service directory.
tail_logs() {
  local dir="$1" f
  for f in "$dir"/*.log; do
    [ -f "$f" ] || continue
    printf -- '----- tail of %s -----\n' "$f" >&2
    tail -n "${2:-40}" "$f" >&2
  done
}

# Start a long-running command detached from this shell (own session, survives the terminal),
# writing its pid to $1 and its output to $2: spawn_bg <pidfile> <logfile> <command...>
spawn_bg() {
  local pidfile="$1" logfile="$2"; shift 2
  rm -f "$pidfile"
  # 9>&-: do not hand the .stack/.lock descriptor (see up.sh) to the long-running child.
  nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  # wait until the pidfile exists (the exec'ed process keeps the same pid)
  wait_for 5 test -s "$pidfile" || true
}

# stop_pidfile <name> <pidfile> [cmdline-substring]: SIGTERM, wait up to 10 s, then SIGKILL.
stop_pidfile() {
  local name="$1" pidfile="$2" expect="${3:-}" pid
  if ! pid_alive "$pidfile" "$expect"; then
    rm -f "$pidfile"; say "$name: not running"; return 0
  fi
  pid="$(pid_of "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do proc_running "$pid" || break; sleep 0.1; done
  if proc_running "$pid"; then
    warn "$name (pid $pid) ignored SIGTERM, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f "$pidfile"
  say "$name: stopped (pid $pid)"
}

docker_compose() {
  docker compose -f "$STACK_ROOT/docker/compose.yml" "$@"
}
