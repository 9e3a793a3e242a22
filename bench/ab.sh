#!/usr/bin/env bash
# Two brief binaries on the same generated corpus, in one run: cold (--no-cache), nothing
# changed and one body edited, RUNS rounds with the order alternating, on tmpfs. Prints one
# line a measurement: label, wall s, CPU s (user + sys), peak MiB (GNU time).
#   bench/ab.sh OLD_BRIEF NEW_BRIEF [N]      (N = 10000 by default; RUNS=3, WORK=/dev/shm/brief-ab)
set -euo pipefail
old=$(realpath "$1") new=$(realpath "$2") n=${3:-10000}
runs=${RUNS:-3} work=${WORK:-/dev/shm/brief-ab}
here=$(cd "$(dirname "$0")" && pwd)
export SOURCE_DATE_EPOCH=1795406400
command -v /usr/bin/time >/dev/null || { echo "ab.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"
# Each binary gets its own copy of the corpus: their build caches must not meet.
for b in old new; do
    [ -d "$work/$b/brief" ] || python3 "$here/gen_corpus.py" "$n" "$work/$b" >/dev/null
done
declare -A bin=([old]=$old [new]=$new)
measure() {  # label, then the command
    local label=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
        { echo "ab.sh: $label failed:" >&2; tail -3 "$work/err" >&2; exit 1; }
    read -r e u s m <"$work/time"
    printf "%-14s %6.2f %6.2f %6d\n" "$label" "$e" "$(echo "$u + $s" | bc)" $((m / 1024))
}
echo "label            wall    CPU    MiB"
for i in $(seq "$runs"); do
    order="old new"
    [ $((i % 2)) = 0 ] && order="new old"
    for b in $order; do
        cd "$work/$b/brief"
        out=$work/$b/out-$i
        sync && sleep 2
        measure "$b cold" "${bin[$b]}" build --no-cache --output "$out/site"
        "${bin[$b]}" build --output "$out/site" >/dev/null 2>&1  # warm the cache
        sync && sleep 2
        measure "$b nochange" "${bin[$b]}" build --output "$out/site"
        f=$(find content/briefings -name '*.md' | sort | sed -n 1p)  # sed reads on: no SIGPIPE under pipefail
        echo "One more line, round $i." >>"$f"
        sync && sleep 2
        measure "$b oneedit" "${bin[$b]}" build --output "$out/site"
    done
done
echo "ab.sh: the corpora and outputs are in $work (remove it when done)"
