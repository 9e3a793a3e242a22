#!/usr/bin/env bash
# Installs the Debian packages Brief needs to build and test. Idempotent: quiet when
# everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config tzdata file
  nlohmann-json3-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libcurl4-openssl-dev
  libpugixml-dev
  libyaml-dev
  libgumbo-dev
  libcpp-httplib-dev
  libjemalloc-dev
  catch2
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
