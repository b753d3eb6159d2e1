#!/usr/bin/env bash
# Makes sure a system Chromium exists for the browser tests (never downloads a
# browser build: Debian's "chromium" package only).
# Looks where tests/helpers/browser.ts looks: $CHROMIUM_PATH, then
# /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome.
# When none is found and we are root with apt-get, installs Debian's chromium.
# Otherwise it only warns (browser tests will be reported as skipped), or with
# --require (used by .ci/run) it fails.
set -euo pipefail

require=0
[[ "${1:-}" == "--require" ]] && require=1

find_chromium() {
  local candidates=()
  [[ -n "${CHROMIUM_PATH:-}" ]] && candidates+=("$CHROMIUM_PATH")
  if [[ "${NOTES_NO_SYSTEM_CHROMIUM:-}" != "1" ]]; then
    candidates+=(/usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome)
  fi
  local c
  for c in "${candidates[@]}"; do
    if [[ -x "$c" ]]; then echo "$c"; return 0; fi
  done
  return 1
}

if path=$(find_chromium); then
  echo "ensure-chromium: using $path"
  exit 0
fi

if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no Chromium found; installing Debian's chromium with apt-get (takes a few minutes)"
  log=$(mktemp)
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -q >"$log" 2>&1 && apt-get install -y -q chromium >>"$log" 2>&1; then
    rm -f "$log"
  else
    tail -n 40 "$log" >&2
    echo "ensure-chromium: apt-get failed (full log: $log)" >&2
    exit 1
  fi
  if path=$(find_chromium); then
    echo "ensure-chromium: installed $path"
    exit 0
  fi
  echo "ensure-chromium: chromium installed but not found where the tests look (is CHROMIUM_PATH or NOTES_NO_SYSTEM_CHROMIUM set?)" >&2
  exit 1
fi

msg="ensure-chromium: no Chromium found and cannot install one (needs root and apt-get); browser tests will be SKIPPED. Install Chromium or set CHROMIUM_PATH."
if [[ "$require" == "1" ]]; then
  echo "${msg/will be SKIPPED/are required}" >&2
  exit 1
fi
echo "$msg" >&2
exit 0
