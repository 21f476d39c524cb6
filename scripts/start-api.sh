#!/bin/sh
# Starts the API (`npm start`, the benchmarks): from its startup snapshot, dist/api-snapshot/api.blob, made by
# `npm run build`, when it was made by this Node from this build and nothing the snapshot froze is set; otherwise
# as `node dist/apps/api/src/main.js`, after one line on stderr that says why. Either way the process is node
# running main.js with the arguments given here, in place of this shell (exec), so signals reach it.
# TILNESTE_API_SNAPSHOT=off always starts without the snapshot; NODE is the node to run (default: node).
root=$(cd "$(dirname "$0")/.." && pwd)
node=${NODE:-node}
main="$root/dist/apps/api/src/main.js"
snapshot="$root/dist/api-snapshot"

# Why it starts without the snapshot, in Norwegian and in English.
because() {
  no=$1
  en=$2
}

use_snapshot() {
  if [ "${TILNESTE_API_SNAPSHOT:-on}" = off ]; then
    because 'TILNESTE_API_SNAPSHOT=off' 'TILNESTE_API_SNAPSHOT=off'
    return 1
  fi
  # Node refuses a snapshot when its V8 flags differ from the build's (exit 14).
  if [ -n "${NODE_OPTIONS:-}" ]; then
    because 'NODE_OPTIONS er satt' 'NODE_OPTIONS is set'
    return 1
  fi
  if ! [ -f "$snapshot/api.blob" ] || ! [ -f "$snapshot/api.env" ]; then
    because "ingen i $snapshot; kjør npm run build" "none in $snapshot; run npm run build"
    return 1
  fi
  . "$snapshot/api.env"
  # A blob from another Node, or a cut one, would crash it.
  version=$("$node" --version)
  if [ "$version" != "$SNAPSHOT_NODE" ]; then
    because "laget med Node $SNAPSHOT_NODE, ikke $version" "made by Node $SNAPSHOT_NODE, not $version"
    return 1
  fi
  if [ "$(wc -c < "$snapshot/api.blob")" -ne "$SNAPSHOT_BYTES" ]; then
    because 'filen er ufullstendig' 'the file is incomplete'
    return 1
  fi
  if [ "$(cat "$root/dist/.build-stamp" 2>/dev/null)" != "$SNAPSHOT_STAMP" ]; then
    because 'fra et annet bygg' 'from another build'
    return 1
  fi
  # Modules read these while the snapshot was made, when none was set.
  for name in $SNAPSHOT_ENV; do
    if eval "[ -n \"\${$name+set}\" ]"; then
      because "$name er satt" "$name is set"
      return 1
    fi
  done
  for prefix in $SNAPSHOT_ENV_PREFIXES; do
    if env | grep -qi "^$prefix"; then
      because "en variabel ${prefix}* er satt" "a variable ${prefix}* is set"
      return 1
    fi
  done
}

if use_snapshot; then
  exec "$node" --snapshot-blob "$snapshot/api.blob" "$main" "$@"
fi
echo "Tilneste: starter uten oppstartsbildet: $no (starting without the startup snapshot: $en)" >&2
exec "$node" "$main" "$@"
