#!/usr/bin/env bash
# Installs the Debian packages the local stack (scripts/stack/up.sh) and the browser tests need.
# Idempotent and fast: when every binary is already present, apt is not touched at all.
#
# The Debian services are NOT started or enabled: we run our own instances under .stack/ on
# our own ports (5433, 6380, 3478, 3310), and a system coturn would otherwise take 3478. Debian's freshclam service
# is not started either: it needs the internet (production runs freshclam; the local stack builds its own signatures).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# binary -> Debian package that provides it
declare -A NEED=(
  ["$PG_BIN/postgres"]=postgresql-15
  ["$PG_BIN/initdb"]=postgresql-15
  ["$PG_BIN/pg_ctl"]=postgresql-15
  ["$PG_BIN/psql"]=postgresql-client-15
  ["$PG_BIN/pg_isready"]=postgresql-client-15
  [redis-server]=redis-server
  [redis-cli]=redis-tools
  [turnserver]=coturn
  [turnutils_uclient]=coturn
  [chromium]=chromium
  # Prosody's own config parser (core.configmanager, run by lua5.4) reads jitsi/prosody/hearth.cfg.lua in the tests.
  [prosody]=prosody
  [lua5.4]=lua5.4
  [curl]=curl
  # Malware scanning: clamd scans uploads; sigtool builds the offline signature database (see up.sh).
  [/usr/sbin/clamd]=clamav-daemon
  [sigtool]=clamav
)

missing=()
for bin in "${!NEED[@]}"; do
  if [[ "$bin" == /* ]]; then [ -x "$bin" ] && continue
  else command -v "$bin" >/dev/null 2>&1 && continue; fi
  pkg="${NEED[$bin]}"
  [[ " ${missing[*]:-} " == *" $pkg "* ]] || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  say "install: all stack packages present (postgresql-15, redis, coturn, chromium, prosody, clamav)"
  exit 0
fi

say "install: missing packages: ${missing[*]}"
if ! is_root && ! command -v sudo >/dev/null 2>&1; then
  die "install: not root and sudo is not available; install as root: apt-get install ${missing[*]}"
fi

# Keep package scripts from starting services (invoke-rc.d and deb-systemd-invoke honour
# policy-rc.d). If the machine already has one (e.g. Docker images do), leave it alone.
POLICY=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$POLICY" ]; then
  as_root sh -c "printf '#!/bin/sh\n# added by hearth scripts/stack/install.sh\nexit 101\n' >$POLICY && chmod 755 $POLICY"
  added_policy=1
fi
cleanup() { if [ "$added_policy" = 1 ]; then as_root rm -f "$POLICY"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${missing[@]}" fonts-liberation >/dev/null

# Packages we just installed must not run (or start at boot) as system services.
services=()
for pkg in "${missing[@]}"; do
  case "$pkg" in
    postgresql-15) services+=(postgresql) ;;
    redis-server) services+=(redis-server) ;;
    coturn) services+=(coturn) ;;
    prosody) services+=(prosody) ;;
    clamav-daemon) services+=(clamav-daemon clamav-freshclam) ;;
  esac
done
for svc in "${services[@]:-}"; do
  [ -n "$svc" ] || continue
  if [ -d /run/systemd/system ]; then
    as_root systemctl disable --now "$svc" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$svc" ]; then
    as_root "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
  fi
done

say "install: installed ${missing[*]}"
