#!/usr/bin/env bash
# The browser test of `tonelint serve`'s page: starts the server on a free loopback port, drives
# the page in headless Chromium (tests/browser/check-page.mjs), stops the server. Screenshots go to
# target/browser/. Needs Debian's chromium and `npm ci` here (.ci/install-browser-tools).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

cargo build -q -p tonelint-cli
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
tonelint="$target_dir/debug/tonelint"

log=$(mktemp)
"$tonelint" serve --addr 127.0.0.1:0 > "$log" &
server=$!
# The server ends by SIGTERM (status 143): that is how it is stopped, not a failure.
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

# The server prints "tonelint serve: listening on http://ADDR/" once it is bound.
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's|^tonelint serve: listening on \(http://.*/\)$|\1|p' "$log")
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { echo "tonelint serve exited early" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "tonelint serve did not start listening" >&2; exit 1; }

TONELINT_URL="$url" TONELINT_ARTIFACTS="$target_dir/browser" node tests/browser/check-page.mjs
