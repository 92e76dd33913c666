#!/usr/bin/env bash
# Compares two builds of the tool on one-story edits, alternating them edit by edit.
#
#   Benchmarks/ab-edit.sh OLD_BINARY NEW_BINARY [PAIRS] [CORPUS]
#
# This machine's speed drifts by 15-50% over minutes, more than most changes gain, so whole
# benchmark runs of two binaries one after the other compare the drift as much as the
# binaries. Here each binary gets its own copy of the corpus (default: the 10,000-story
# front-matter corpus that `Benchmarks/build.sh` generates), its own cache and its own output,
# and every pair of edits runs the old binary, then the new one, seconds apart. It prints the
# median of each stage the tool reports (`build -v`), of the wall time, and of the paired
# differences. The copies are deleted at the end.
set -euo pipefail

old=$(realpath "${1:?usage: ab-edit.sh OLD_BINARY NEW_BINARY [PAIRS] [CORPUS]}")
new=$(realpath "${2:?usage: ab-edit.sh OLD_BINARY NEW_BINARY [PAIRS] [CORPUS]}")
pairs=${3:-9}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(realpath "${4:-$here/.work/fm-10000-s1}")
templates=$(realpath "$here/../templates")
[ -d "$corpus/seeds" ] || { echo "no corpus at $corpus: run Benchmarks/build.sh first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/anthology-ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
log="$work/log"
for side in old new; do
    mkdir -p "$work/$side"
    cp -r "$corpus/seeds" "$work/$side/"
done

binary() { if [ "$1" = old ]; then echo "$old"; else echo "$new"; fi; }
build() {
    local side=$1
    shift
    (cd "$work/$side" && "$(binary "$side")" build --seeds seeds --templates "$templates" --output out "$@")
}

# A first build each, which writes the cache the edits go through.
for side in old new; do build "$side" >/dev/null 2>&1; done
story=$(cd "$work/old/seeds" && ls | sort | sed -n '5p')
for pair in $(seq 1 "$pairs"); do
    for side in old new; do
        printf '\nAnother sentence, number %s, for the comparison.\n' "$pair" >> "$work/$side/seeds/$story"
        start=$(date +%s%N)
        build "$side" -v 2>&1 | grep -E '^  [a-z]+ ' | sed "s/^/$side /" >> "$log"
        end=$(date +%s%N)
        echo "$side wall $(( (end - start) / 1000000 ))" >> "$log"
    done
done

python3 - "$log" <<'EOF'
import collections, statistics, sys
stages = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    side, name, value = line.split()[:3]
    stages[side][name].append(float(value))
for side in ("old", "new"):
    print(f"{side}: " + "  ".join(f"{name} {statistics.median(values):.0f}" for name, values in stages[side].items()) + " (ms)")
for name in ("total", "wall"):
    differences = sorted(n - o for o, n in zip(stages["old"][name], stages["new"][name]))
    print(f"{name}, new minus old, per pair: median {statistics.median(differences):+.0f} ms, "
          f"{sum(d < 0 for d in differences)} of {len(differences)} pairs faster")
EOF
