#!/usr/bin/env bash
# Anthology's build benchmark (issue 6): the one entry point.
#
#   Benchmarks/build.sh                       # N = 1,000 and 10,000; 5 runs each
#   Benchmarks/build.sh --large               # also 30,000 stories (memory target)
#   Benchmarks/build.sh --stories 2000 --runs 3 --edits 3 --parts full,edit
#   Benchmarks/build.sh --no-build ...        # use the release binary as it is
#
# Builds the release binary once (swift build -c release --product anthology), then runs
# Benchmarks/bench.py with the remaining options (see `Benchmarks/bench.py --help` and
# Benchmarks/README.md). Corpora and outputs go to Benchmarks/.work/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="$PATH:/opt/swift/usr/bin"
fi

build=1
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
done

if [ "$build" = 1 ]; then
  if ! pkg-config --exists libcmark-gfm 2>/dev/null; then
    echo "libcmark-gfm is missing: apt-get install -y libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config" >&2
    exit 1
  fi
  echo "Building the release binary ..." >&2
  swift build -c release --product anthology >&2
fi
binary="$(swift build -c release --show-bin-path)/anthology"
exec python3 Benchmarks/bench.py --binary "$binary" ${args[@]+"${args[@]}"}
