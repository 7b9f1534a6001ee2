#!/bin/sh
# Jibri's finalize script for Hearth (JIBRI_FINALIZE_RECORDING_SCRIPT_PATH in jitsi/jitsi.env).
#
# Jibri runs it synchronously when a file recording stops, with one argument: the session's folder,
# <JIBRI_RECORDING_DIR>/<session id>, holding <room>_<timestamp>.mp4 and metadata.json. Jibri only logs the
# exit code, so this script is NOT where reliability lives: it does the one cheap, atomic thing of handing the
# folder over, and Hearth's worker does the real work (upload to S3, database rows, retries) later. If this
# script never runs or fails, the folder stays in the incoming directory, where the worker's sweep must
# also look for folders older than a few hours.
#
# Handing over = write a small marker, then rename the folder into the "finished" directory the worker
# watches. The two directories are on the same volume, so the rename is atomic: the worker never sees a
# half-moved folder, and anything in "finished" is complete.
set -eu

die() {
  printf 'hearth-finalize: %s\n' "$*" >&2
  exit 1
}

[ "$#" -eq 1 ] || die "usage: finalize.sh <recording folder>"
src="${1%/}"
[ -d "$src" ] || die "not a folder: $src"

finished="${HEARTH_RECORDINGS_FINISHED_DIR:-/recordings/finished}"
session="$(basename "$src")"
dest="$finished/$session"

# Jibri already replaced every character outside [A-Za-z0-9_-] in the session id; refuse anything else
# rather than build a path from it.
case "$session" in
  '' | *[!A-Za-z0-9_-]*) die "unexpected session folder name: $session" ;;
esac

mkdir -p "$finished"
[ ! -e "$dest" ] || die "already handed over: $dest"

# The marker says when Jibri finished; the worker reads the rest from metadata.json.
date -u +%Y-%m-%dT%H:%M:%SZ >"$src/.hearth-finalized"
mv "$src" "$dest"
printf 'hearth-finalize: %s -> %s\n' "$src" "$dest"
