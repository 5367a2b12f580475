#!/usr/bin/env bash
# Idempotent setup used by `npm start`, `npm test` and .ci/run: installs the Debian packages listed in
# scripts/debian-packages.txt that are missing (apt-get as root, or through sudo), then code-server
# (version in scripts/code-server.version) into .cache/code-server unless a verified install is there.
# Cheap when everything is present (well under a second), so callers run it every time.
# Environment: CHROMIUM_PATH=/path/to/chromium skips the chromium package; CODE_SERVER_CACHE overrides the folder.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CODE_SERVER_CACHE:-$ROOT/.cache/code-server}
VERSION=$(tr -d '[:space:]' < "$ROOT/scripts/code-server.version")
say() { echo "[ensure-deps] $*" >&2; }

mapfile -t packages < <(grep -v '^#' "$ROOT/scripts/debian-packages.txt" | awk NF)
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  mapfile -t packages < <(printf '%s\n' "${packages[@]}" | grep -vx chromium)
fi

# 1. Debian packages
if command -v dpkg-query >/dev/null; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      sudo=()
    elif command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      say "missing Debian packages: ${missing[*]}"
      say "install them as root, then run this again: apt-get install ${missing[*]}"
      exit 1
    fi
    say "installing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
else
  say "not a Debian system: make sure these (or your distribution's equivalents) are installed: ${packages[*]}"
fi

# 2. code-server, serialised with flock so two scripts starting at once do not install over each other
mkdir -p "$CACHE"
exec 9> "$CACHE.lock"
command -v flock >/dev/null && flock 9
if [ "$(cat "$CACHE/installed-version" 2>/dev/null)" = "$VERSION" ] \
   && [ -f "$CACHE/node_modules/code-server/out/node/entry.js" ]; then
  exit 0
fi
if bash "$ROOT/scripts/install-code-server.sh" --check "$CACHE"; then
  exit 0
fi
say "installing code-server $VERSION into $CACHE (first use; about a minute: 62 s on a 2-core machine)"
SKIP_APT=1 bash "$ROOT/scripts/install-code-server.sh" "$CACHE"
