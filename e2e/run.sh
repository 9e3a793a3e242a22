#!/usr/bin/env bash
# `make e2e`: installs what the checks need, builds the example site with this repository's
# brief, serves it on 127.0.0.1 and checks it as its real clients would (e2e/run.mjs).
# Usage: e2e/run.sh [BUILD_DIR]   (BUILD_DIR holds the brief binary; default: build)
# Writes BUILD_DIR/e2e-site/ and BUILD_DIR/e2e-screenshots/. Exits non-zero on any failed check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${1:-build}
started_ms=$(date +%s%3N)

e2e/install.sh
site="$build/e2e-site"
log="$build/e2e-build.log"
rm -rf "$site"
status=0
"$build/brief" build --source . --output "$site" >"$log" 2>&1 || status=$?
cat "$log"
if [ "$status" -ne 0 ]; then
  echo "e2e: brief build failed (exit $status)"
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi
status=0
node e2e/run.mjs --site "$site" --screenshots "$build/e2e-screenshots" --build-log "$log" \
  --started-at "$started_ms" || status=$?
exit "$status"
