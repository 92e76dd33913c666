#!/usr/bin/env bash
# Load run against `anthology serve` on loopback with wrk (Debian package `wrk`):
# 100 concurrent connections for 10 seconds on the home page and on the stylesheet, then a
# check that the server still answers. Prints wrk's figures; exits non-zero on any socket
# error, non-2xx/3xx answer, or a server that stopped answering.
#
#   Benchmarks/serve-load.sh [SEEDS_DIR]     # default: the repository's seeds/
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
swift build -c release --product anthology >&2
binary="$(swift build -c release --show-bin-path)/anthology"
seeds="$(realpath "${1:-seeds}")"
work="$(mktemp -d)"
trap 'kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))
"$binary" serve --seeds "$seeds" --templates "$PWD/templates" --output "$work/public" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
status=0
for path in / /assets/style.css; do
  echo "== wrk -t2 -c100 -d10s http://127.0.0.1:$port$path"
  out="$(wrk -t2 -c100 -d10s --latency "http://127.0.0.1:$port$path")"
  echo "$out"
  if grep -qE 'Socket errors|Non-2xx' <<<"$out"; then status=1; fi
done
code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")"
echo "after the load: GET / -> $code"
[ "$code" = 200 ] || status=1
exit "$status"
