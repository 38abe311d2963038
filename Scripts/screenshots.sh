#!/usr/bin/env bash
# Renders the title page, 序言 and 代前言 of Build/book.epub to PNG with
# headless Chromium, so a person can look at the typography:
#   Build/screenshots/titlepage.png, preface.png, foreword.png
# Installs chromium and fonts-noto-cjk (Debian) when missing.
set -euo pipefail
# Arguments are taken relative to the caller's folder, defaults to the repository's.
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
epub="$(absolute "${1:-}")"
out="$(absolute "${2:-}")"
cd "$(dirname "$0")/.."
[ -n "${1:-}" ] || epub="$PWD/Build/book.epub"
[ -n "${2:-}" ] || out="$PWD/Build/screenshots"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
for package in chromium fonts-noto-cjk unzip; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "screenshots: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ -f "$epub" ] || { echo "screenshots: $epub not found; run make book first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unzip -q "$epub" -d "$work"
mkdir -p "$out"

# The pages by their role, found in the XHTML rather than by file name.
page_for() {
  grep -l "epub:type=\"$1\"" "$work"/OEBPS/text/*.xhtml 2>/dev/null | head -n 1
}

status=0
for role in titlepage preface foreword; do
  page="$(page_for "$role")"
  if [ -z "$page" ]; then
    echo "screenshots: no $role page in $epub" >&2
    status=1
    continue
  fi
  rm -f "$out/$role.png"
  chromium --headless --disable-gpu --no-sandbox --hide-scrollbars \
    --screenshot="$out/$role.png" --window-size=800,1100 "file://$page" >/dev/null 2>&1 || true
  if [ -s "$out/$role.png" ]; then
    echo "screenshots: $out/$role.png ($(basename "$page"))"
  else
    echo "screenshots: chromium wrote no $out/$role.png" >&2
    status=1
  fi
done
exit $status
