#!/usr/bin/env bash
# make bench: builds the same generated corpus with Brief and Hugo, alternating the two, and
# prints a table of medians (see bench/README.md).
#
#   BRIEF=path/to/brief  the binary to measure (default: build/brief)
#   BENCH_SIZES="1000 10000"  corpus sizes; BENCH_LARGE=1 adds 50000
#   BENCH_RUNS=5         timed runs of each measurement, after one warm-up
#   BENCH_PAUSE=3        seconds to let the disk settle (after sync) before each timed run
#
# Output trees from earlier runs are moved aside into $BENCH_WORK/trash and deleted only when
# the bench ends: ext4 without a journal (as on these machines) passes over inodes freed in the
# last 60 s (300 s while their inode-table block is dirty) when it allocates new ones, so a
# tree written right after deleting a large one scans past every freed inode for every file
# and directory it creates (perf: recently_deleted, find_inode_bit). A pause long enough for
# that would add minutes to every run.
#   BENCH_WORK=bench/work  where corpora and outputs go (git-ignored)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BRIEF=$(realpath "${BRIEF:-$ROOT/build/brief}")
WORK=${BENCH_WORK:-$ROOT/bench/work}
RUNS=${BENCH_RUNS:-5}
PAUSE=${BENCH_PAUSE:-3}
SIZES=${BENCH_SIZES:-"1000 10000"}
[ "${BENCH_LARGE:-0}" = 1 ] && SIZES="$SIZES 50000"
# The corpus's "now": the day after its last week, so every briefing is in the past.
export SOURCE_DATE_EPOCH=1795406400
CMARK_EXT="-e table -e strikethrough -e autolink -e tagfilter -e tasklist"

say() { printf 'bench: %s\n' "$*" >&2; }

need() {  # need COMMAND DEBIAN-PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing $2 (for $1)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}
need hugo hugo
need cmark-gfm cmark-gfm
need python3 python3
[ -x /usr/bin/time ] || need /usr/bin/time time
[ -x "$BRIEF" ] || { say "no brief binary at $BRIEF (run make build)"; exit 1; }

mkdir -p "$WORK"
FLOOR_WRITE="$WORK/floor_write"
if [ ! -x "$FLOOR_WRITE" ] || [ "$ROOT/bench/floor_write.cpp" -nt "$FLOOR_WRITE" ]; then
    g++ -O2 -std=c++20 -pthread -o "$FLOOR_WRITE" "$ROOT/bench/floor_write.cpp"
fi

TRASH="$WORK/trash"
rm -rf "$TRASH"  # a bench that was interrupted; the warm-up runs absorb what this costs
# Output trees stay on disk until the end (see above): about 0.5 GB for every 1,000 briefings.
need_gb=0
for N in $SIZES; do need_gb=$((need_gb + (N + 1999) / 2000)); done
have_gb=$(df --output=avail -B1G "$WORK" | tail -n 1 | tr -d ' ')
if [ "$have_gb" -lt "$need_gb" ]; then
    say "needs about $need_gb GB free in $WORK (it keeps every run's output until the end); only $have_gb GB are free"
    say "free up space, or point BENCH_WORK at a folder with more room"
    exit 1
fi

mkdir -p "$TRASH"
trap 'rm -rf "$TRASH"' EXIT
# retire DIR: moves DIR (when it exists) out of the way without freeing its inodes.
retire() {
    [ -e "$1" ] || return 0
    mv "$1" "$(mktemp -d "$TRASH/XXXXXX")/"
}

TSV="$WORK/results.tsv"
: > "$TSV"
STAMP=$(cat "$ROOT/bench/gen_corpus.py" "$ROOT"/bench/hugo/config.yaml "$ROOT"/bench/hugo/layouts/*/* | sha1sum | cut -c1-12)

# measure N NAME RUN COMMAND...: one timed run after sync and a pause; appends a TSV line.
measure() {
    local n=$1 name=$2 run=$3
    shift 3
    sync
    sleep "$PAUSE"
    if ! /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >"$WORK/cmd.out" 2>&1; then
        say "failed: $*"
        cat "$WORK/cmd.out" >&2
        exit 1
    fi
    read -r wall user sys rss <"$WORK/time.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$name" "$run" "$wall" "$user" "$sys" "$rss" >>"$TSV"
}

for N in $SIZES; do
    C="$WORK/corpus-$N"
    O="$WORK/out-$N"
    if [ "$(cat "$C/.stamp" 2>/dev/null)" != "$STAMP" ]; then
        say "generating the corpus of $N briefings"
        python3 "$ROOT/bench/gen_corpus.py" "$N" "$C" >/dev/null
        echo "$STAMP" >"$C/.stamp"
    fi
    # Brief builds with the theme as it is in this checkout.
    rm -rf "$C/brief/templates"
    cp -r "$ROOT/templates" "$C/brief/templates"
    mkdir -p "$O"
    edit_file=$(find "$C/brief/content/briefings" -name '*.md' | sort | sed -n "$((N / 2))p")
    cp "$edit_file" "$WORK/edit.orig"

    brief_cold() {
        retire "$O/brief"
        rm -rf "$C/brief/.brief-cache"
        measure "$N" brief-cold "$1" "$BRIEF" build --no-cache --quiet --source "$C/brief" --output "$O/brief"
    }
    hugo_cold() {
        retire "$O/hugo"
        measure "$N" hugo "$1" hugo --quiet -s "$C/hugo" -d "$O/hugo"
    }
    floor() {
        measure "$N" floor-markdown "$1" sh -c "cmark-gfm $CMARK_EXT '$C/bodies-0.md' >/dev/null & cmark-gfm $CMARK_EXT '$C/bodies-1.md' >/dev/null; wait"
        retire "$O/floor"
        measure "$N" floor-write "$1" "$FLOOR_WRITE" "$WORK/files-$N.txt" "$O/floor"
    }
    rebuilds() {
        # Fill the cache (untimed), then a rebuild with nothing changed, then one after
        # editing one briefing's body; the edit is undone afterwards.
        "$BRIEF" build --quiet --source "$C/brief" --output "$O/brief"
        measure "$N" brief-nochange "$1" "$BRIEF" build --quiet --source "$C/brief" --output "$O/brief"
        printf '\nAn edit for run %s, appended to the body.\n' "$1" >>"$edit_file"
        measure "$N" brief-edit "$1" "$BRIEF" build --quiet --source "$C/brief" --output "$O/brief"
        cp "$WORK/edit.orig" "$edit_file"
    }

    say "N=$N: warm-up"
    brief_cold 0
    hugo_cold 0
    (cd "$O/brief" && find . -type f -printf '%s %P\n') >"$WORK/files-$N.txt"
    floor 0
    rebuilds 0
    for run in $(seq 1 "$RUNS"); do
        say "N=$N: run $run of $RUNS"
        if [ $((run % 2)) = 1 ]; then
            brief_cold "$run"
            hugo_cold "$run"
        else
            hugo_cold "$run"
            brief_cold "$run"
        fi
        floor "$run"
        rebuilds "$run"
    done
    printf '%s\tpages-brief\t%s\n' "$N" "$(find "$O/brief" -name '*.html' | wc -l)" >>"$TSV"
    printf '%s\tpages-hugo\t%s\n' "$N" "$(find "$O/hugo" -name '*.html' | wc -l)" >>"$TSV"
    printf '%s\tfiles-brief\t%s\t%s\n' "$N" "$(wc -l <"$WORK/files-$N.txt")" "$(awk '{s+=$1} END {print s}' "$WORK/files-$N.txt")" >>"$TSV"
    retire "$O/floor"
done

python3 "$ROOT/bench/report.py" "$TSV"
