#!/usr/bin/env bash
# Brief as a desk installs and uses it (run by .ci/run after `make test e2e`).
#
#  1. `make package`; lintian on the .deb (any error fails the check); its size and Depends.
#  2. `apt-get install` of the .deb; the man page and the bash completion are where man and
#     bash look for them.
#  3. Outside the source tree (a temp folder, HOME in a temp folder), with the build folder
#     moved aside and, where the kernel gives this script a private mount namespace, the whole
#     source tree hidden under an empty tmpfs: `brief init` a desk, `brief serve` it and fetch
#     its home page (the time from `apt-get install` to that page is printed), then
#     `brief build --strict` and `brief check`.
#  4. The desk's own .github/workflows/publish.yml: every shell `run:` step exactly as
#     written, in order, with the workflow's env (BRIEF_DEB_URL pointing at the package on a
#     local web server that also serves the desk's feeds), `git push` to a local bare
#     repository; steps that use actions (checkout, upload, deploy) are skipped.
#  5. `apt-get remove brief`.
#
# Anything that only works inside Brief's repository (a path into the source tree or the
# build folder, scripts/, make) fails step 3 or 4. Idempotent: it touches only its temp folder,
# the build folder (moved back at exit, or at the next run if this one was killed) and the
# brief package. Needs root. Usage: e2e/package.sh [BUILD_DIR]   (default: build)
# BRIEF_PACKAGE_SOURCE_VISIBLE=1 leaves the source tree visible and only warns when the binary
# names paths in it: a weaker check, for a binary that still reads its theme from the tree.
set -euo pipefail

say() { printf 'package.sh: %s\n' "$*"; }
step() { printf '\n== package.sh: %s\n' "$*"; }
fail() {
  say "FAILED: $*"
  exit 1
}
py=/usr/bin/python3 # Debian's, with python3-yaml (not whatever python3 comes first on PATH)

# Waits up to $2 seconds for the URL $1 to answer, while the process $4 (if given) lives;
# writes the body to $3.
wait_for_url() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    if curl -fsS -o "$3" "$1" 2>/dev/null; then return 0; fi
    if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then return 1; fi
    sleep 0.1
  done
  return 1
}

free_port() {
  "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# An RSS 2.0 feed of two items about $1 (a source id), dated within the last hours.
write_feed() {
  local id=$1 port=$2 now1 now2
  now1=$(date -u -R -d '-1 hour')
  now2=$(date -u -R -d '-2 hours')
  cat <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Local feed $id</title><link>http://127.0.0.1:$port/</link>
<description>A feed served by e2e/package.sh</description>
<item><title>Release 8.99.0 fixes a security vulnerability in software ($id)</title>
<link>http://127.0.0.1:$port/$id/release-8-99-0</link><guid>$id-release-8-99-0</guid>
<pubDate>$now1</pubDate>
<description>A security release of the software: a vulnerability in open source packages, fixed.</description></item>
<item><title>New cybersecurity guidance for software supply chain packages ($id)</title>
<link>http://127.0.0.1:$port/$id/guidance</link><guid>$id-guidance</guid>
<pubDate>$now2</pubDate>
<description>Guidance on software security, cryptography and open source packages.</description></item>
</channel></rss>
EOF
}

# ---------------------------------------------------------------------------------------------
# The desk phase (steps 3 and 4): run by this script from its copy in the temp folder, inside a
# private mount namespace when there is one. In: tmp, root, build, hide, t0_ns, deb_name.
desk_phase() {
  pids=() # global: the EXIT trap runs after this function has returned
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
  trap 'exit 143' TERM INT HUP
  cd "$tmp"
  if [ "$hide" = 1 ]; then
    mount -t tmpfs -o size=1m,mode=0755 brief-source-hidden "$root"
    [ ! -e "$root/CMakeLists.txt" ] || fail "could not hide the source tree $root"
    say "the source tree $root is hidden (an empty tmpfs in this mount namespace)"
  fi
  export HOME="$tmp/home"
  mkdir -p "$HOME" "$tmp/work"
  cd "$tmp/work"
  [ "$(command -v brief)" = /usr/bin/brief ] || fail "brief on PATH is $(command -v brief), not the package's"

  step "brief init, brief serve, the home page"
  brief init mydesk --title "Package Check Desk" --base-url https://desk.example.org/ \
    --timezone Europe/Berlin || fail "brief init"
  cd mydesk
  local port
  port=$(free_port)
  brief serve --port "$port" >"$tmp/serve.log" 2>&1 &
  pids+=($!)
  wait_for_url "http://127.0.0.1:$port/" 60 "$tmp/home.html" "${pids[-1]}" || {
    cat "$tmp/serve.log"
    fail "brief serve did not serve the home page on port $port (within 60 s)"
  }
  local t1_ns
  t1_ns=$(date +%s%N)
  grep -q "Package Check Desk" "$tmp/home.html" || fail "the served home page lacks the desk's title"
  grep -q "example-briefing" "$tmp/home.html" || fail "the served home page lacks the example briefing"
  kill "${pids[-1]}" && wait "${pids[-1]}" 2>/dev/null || true
  awk -v a="$t0_ns" -v b="$t1_ns" 'BEGIN { printf "%.1f\n", (b - a) / 1e9 }' >"$tmp/served-after"
  say "apt-get install to a served desk: $(cat "$tmp/served-after") s"

  step "brief build --strict, brief check"
  brief build --strict || fail "brief build --strict in the new desk"
  brief check || fail "brief check in the new desk"
  [ -f site/index.html ] || fail "no site/index.html"

  step "the desk's workflow (.github/workflows/publish.yml)"
  # The desk as a repository, with a bare one as its remote, so the commit step's push works.
  git init -q -b main
  git config user.name "package check"
  git config user.email "package-check@localhost"
  git init -q --bare "$tmp/remote.git"
  git remote add origin "$tmp/remote.git"
  # A local server for the feeds and for the package the install step downloads.
  local www="$tmp/www" fport
  mkdir -p "$www"
  cp "$tmp/pkg/$deb_name" "$www/"
  fport=$(free_port)
  (cd "$www" && exec "$py" -m http.server --bind 127.0.0.1 "$fport") >"$tmp/www.log" 2>&1 &
  pids+=($!)
  "$py" - "$fport" <<'EOF' || fail "could not point sources.yaml at the local feed server"
import sys, yaml
port = sys.argv[1]
with open("sources.yaml") as f:
    doc = yaml.safe_load(f)
sources = doc["sources"] if isinstance(doc, dict) else doc
for s in sources:
    s["url"] = f"http://127.0.0.1:{port}/feed-{s['id']}.xml"
with open("sources.yaml", "w") as f:
    yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True)
print(" ".join(s["id"] for s in sources), file=open(".ids", "w"))
EOF
  local id
  for id in $(cat .ids); do write_feed "$id" "$fport" >"$www/feed-$id.xml"; done
  rm .ids
  wait_for_url "http://127.0.0.1:$fport/$deb_name" 30 /dev/null "${pids[-1]}" ||
    fail "the local web server did not start"
  git add -A
  git commit -qm "desk: brief init, feeds on a local server"
  git push -q -u origin main

  # The workflow's shell steps, each into its own file, as GitHub runs them: the workflow's,
  # the job's and the step's env, the default shell (or the step's), in the repository root.
  mkdir -p "$tmp/steps" "$tmp/runner"
  "$py" - .github/workflows/publish.yml "$tmp/steps" <<'EOF' || fail "cannot read the workflow"
import os, shlex, sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
out = sys.argv[2]
default_shell = (wf.get("defaults") or {}).get("run", {}).get("shell")
manifest = []
for job_name, job in wf["jobs"].items():
    job_shell = (job.get("defaults") or {}).get("run", {}).get("shell", default_shell)
    for i, st in enumerate(job.get("steps", [])):
        name = st.get("name") or st.get("uses") or st.get("id") or f"step {i}"
        if "run" not in st:
            manifest.append(f"skip\t{job_name}: {name} (uses {st.get('uses')})")
            continue
        env = {}
        for scope in (wf.get("env"), job.get("env"), st.get("env")):
            env.update({k: str(v) for k, v in (scope or {}).items()})
        base = os.path.join(out, f"{len(manifest):02d}")
        with open(base + ".sh", "w") as f:
            f.write(st["run"] if st["run"].endswith("\n") else st["run"] + "\n")
        with open(base + ".env", "w") as f:
            for k, v in env.items():
                f.write(f"export {k}={shlex.quote(v)}\n")
        shell = st.get("shell", job_shell) or "default"
        manifest.append(f"run\t{job_name}: {name}\t{base}\t{shell}")
with open(os.path.join(out, "manifest"), "w") as f:
    f.write("\n".join(manifest) + "\n")
EOF
  local kind name base shell ran=0
  while IFS=$'\t' read -r kind name base shell; do
    if [ "$kind" = skip ]; then
      say "skipped (an action): $name"
      continue
    fi
    say "step: $name"
    sed 's/^/    | /' "$base.sh"
    local cmd=(bash -e)
    case $shell in
      default) ;;
      bash) cmd=(bash --noprofile --norc -eo pipefail) ;;
      *) fail "step '$name' uses shell '$shell'; this check runs bash only" ;;
    esac
    (
      # shellcheck disable=SC1090
      . "$base.env"
      export BRIEF_DEB_URL="http://127.0.0.1:$fport/$deb_name"
      export RUNNER_TEMP="$tmp/runner" CI=true GITHUB_ACTIONS=true
      exec "${cmd[@]}" "$base.sh"
    ) || fail "workflow step '$name' failed"
    ran=$((ran + 1))
  done <"$tmp/steps/manifest"
  [ "$ran" -ge 5 ] || fail "only $ran shell steps in the workflow; expected install, fetch, commit, build, check"

  # What the steps must have left: the archive fetched and pushed, the site built.
  ls content/feeds/*.jsonl >/dev/null 2>&1 || fail "brief fetch wrote no archive"
  grep -q "release-8-99-0" content/feeds/*.jsonl || fail "the archive lacks the local feed's items"
  [ "$(git --git-dir "$tmp/remote.git" log -1 --format=%s main)" != "desk: brief init, feeds on a local server" ] ||
    fail "the commit step pushed no archive commit"
  git --git-dir "$tmp/remote.git" log -1 --format='    pushed: %s' main
  [ -f site/index.html ] && [ -f build-report.json ] || fail "the build step wrote no site or report"
  git status --porcelain | grep -v '^??' && fail "the workflow left tracked files changed" || true
  say "workflow: $ran shell steps passed"
}

if [ "${1:-}" = --desk-phase ]; then
  desk_phase
  exit 0
fi

# ---------------------------------------------------------------------------------------------
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build_rel=${1:-build}
build=$(realpath -m "$build_rel")
[ "$(id -u)" -eq 0 ] || fail "needs root (apt-get install and remove)"

# A run killed before it could move the build folder back left it beside its usual place.
for left in "$build".package-aside.*; do
  if [ -d "$left" ] && [ ! -e "$build" ]; then
    say "moving $left back to $build (left by a killed run)"
    mv "$left" "$build"
  fi
done

tmp=$(mktemp -d /tmp/brief-package.XXXXXX)
chmod 0755 "$tmp" # apt reads the .deb in it as its own user
aside=""
cleanup() {
  local status=$?
  trap - EXIT
  if [ -n "${inner:-}" ]; then
    kill "$inner" 2>/dev/null || true
    wait "$inner" 2>/dev/null || true
  fi
  if [ -n "$aside" ] && [ -d "$aside" ] && [ ! -e "$build" ]; then mv "$aside" "$build"; fi
  if dpkg-query -W -f='${Status}' brief 2>/dev/null | grep -q "install ok installed"; then
    apt-get remove -y -qq brief >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

needed=()
for p in lintian python3-yaml curl git file dpkg-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || needed+=("$p")
done
if [ ${#needed[@]} -gt 0 ]; then
  say "installing ${needed[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

step "make package"
make --no-print-directory package BUILD="$build_rel"
version=$("$build/brief" --version | awk '{ print $2 }')
deb_name="brief_${version}_amd64.deb"
[ -f "$build/$deb_name" ] || fail "make package wrote no $build/$deb_name"
mkdir -p "$tmp/pkg"
cp "$build/$deb_name" "$tmp/pkg/"
say "$deb_name: $(stat -c %s "$tmp/pkg/$deb_name") bytes, installed size $(dpkg-deb -f "$tmp/pkg/$deb_name" Installed-Size) KiB"
say "Depends: $(dpkg-deb -f "$tmp/pkg/$deb_name" Depends)"

step "lintian"
lintian_status=0
lintian --info --display-info --pedantic --fail-on error "$tmp/pkg/$deb_name" 2>&1 |
  grep -v '^running with root privileges' || lintian_status=${PIPESTATUS[0]}
[ "$lintian_status" -eq 0 ] || fail "lintian reports errors"
say "lintian: no errors"

step "moving the build folder aside"
aside="$build.package-aside.$$"
mv "$build" "$aside"
say "$build -> $aside (moved back at exit)"

step "apt-get install ./$deb_name"
t0_ns=$(date +%s%N)
(cd "$tmp/pkg" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb_name" >/dev/null) ||
  fail "apt-get install"
brief --version
man -w brief >/dev/null || fail "man does not find brief(1)"
bash -c '. /usr/share/bash-completion/completions/brief && complete -p brief' >/dev/null ||
  fail "the bash completion does not load"

cp "$0" "$tmp/package.sh"
export tmp root build t0_ns deb_name
export -f say step fail wait_for_url free_port write_feed desk_phase
export py
hide=0
if [ "${BRIEF_PACKAGE_SOURCE_VISIBLE:-}" != 1 ] && unshare --mount --propagation private true 2>/dev/null; then
  hide=1
fi
export hide
# In the background and waited for, so that a signal here reaches it (cleanup stops it).
inner=""
if [ "$hide" = 1 ]; then
  unshare --mount --propagation private bash "$tmp/package.sh" --desk-phase &
  inner=$!
  wait "$inner"
  inner=""
else
  why="no private mount namespace"
  [ "${BRIEF_PACKAGE_SOURCE_VISIBLE:-}" = 1 ] && why="BRIEF_PACKAGE_SOURCE_VISIBLE=1"
  say "NOTE: the source tree stays visible ($why); checking the binary for paths into it instead"
  if strings /usr/bin/brief | grep -F "$root" >/dev/null; then
    strings /usr/bin/brief | grep -F "$root" | head -5
    [ "${BRIEF_PACKAGE_SOURCE_VISIBLE:-}" = 1 ] || fail "/usr/bin/brief names paths in the source tree $root"
    say "WARNING: /usr/bin/brief names paths in the source tree (allowed by BRIEF_PACKAGE_SOURCE_VISIBLE=1)"
  fi
  bash "$tmp/package.sh" --desk-phase &
  inner=$!
  wait "$inner"
  inner=""
fi
served_after=$(cat "$tmp/served-after")

step "apt-get remove brief"
apt-get remove -y -qq brief >/dev/null
[ ! -e /usr/bin/brief ] || fail "/usr/bin/brief is still there after apt-get remove"

say "passed: $deb_name ($(stat -c %s "$tmp/pkg/$deb_name") bytes), lintian without errors," \
  "apt-get install to a served desk in $served_after s, the desk's workflow steps as written"
