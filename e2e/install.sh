#!/usr/bin/env bash
# Installs what `make e2e` needs, only when it is missing, so a second run is quiet and fast:
#   Debian: chromium (driven by playwright-core; never a downloaded browser), python3-feedparser
#   (run with Debian's /usr/bin/python3), libxml2-utils (xmllint), and fonts with Latin and
#   CJK glyphs so screenshots show real text;
#   npm: the exact versions in e2e/package-lock.json, through `npm ci`.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for p in chromium python3-feedparser libxml2-utils fonts-dejavu-core fonts-wqy-microhei; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "e2e: Node.js and npm are needed (apt-get install nodejs npm)" >&2
  exit 3
fi
# `npm ci` only when node_modules does not match the committed lockfile.
if ! cmp -s package-lock.json node_modules/.e2e-lock 2>/dev/null; then
  echo "e2e: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.e2e-lock
fi
