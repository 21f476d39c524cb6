#!/bin/sh
# Starts the API (`npm start`, the benchmarks): from its startup snapshot, dist/api-snapshot/api.blob, made by
# `npm run build`, when it was made by this Node from this build and nothing the snapshot froze is set; otherwise
# as `node dist/apps/api/src/main.js`. Either way the process is node running main.js with the arguments given
# here. TILNESTE_API_SNAPSHOT=off always starts without the snapshot; NODE is the node to run (default: node).
root=$(cd "$(dirname "$0")/.." && pwd)
node=${NODE:-node}
main="$root/dist/apps/api/src/main.js"
snapshot="$root/dist/api-snapshot"

use_snapshot() {
  [ "${TILNESTE_API_SNAPSHOT:-on}" != off ] || return 1
  # Node refuses a snapshot when its V8 flags differ from the build's (exit 14).
  [ -z "${NODE_OPTIONS:-}" ] || return 1
  [ -f "$snapshot/api.blob" ] && [ -f "$snapshot/api.env" ] || return 1
  . "$snapshot/api.env"
  # A blob from another Node, or a cut one, would crash it.
  [ "$("$node" --version)" = "$SNAPSHOT_NODE" ] || return 1
  [ "$(wc -c < "$snapshot/api.blob")" -eq "$SNAPSHOT_BYTES" ] || return 1
  [ "$(cat "$root/dist/.build-stamp" 2>/dev/null)" = "$SNAPSHOT_STAMP" ] || return 1
  # Modules read these while the snapshot was made, when none was set.
  for name in $SNAPSHOT_ENV; do
    eval "[ -z \"\${$name+set}\" ]" || return 1
  done
  for prefix in $SNAPSHOT_ENV_PREFIXES; do
    ! env | grep -qi "^$prefix" || return 1
  done
}

if use_snapshot; then
  exec "$node" --snapshot-blob "$snapshot/api.blob" "$main" "$@"
fi
exec "$node" "$main" "$@"
