#!/usr/bin/env bash
# Renders pages to PNG with headless Chromium, so a person can look at the
# typography, into Build/screenshots/:
#   titlepage.png, preface.png, foreword.png   the default book (Build/book.epub)
#   embedded-*.png                              the same pages with Noto Serif CJK SC
#                                               embedded (fonts: in book.yaml), subset
#   vertical-ruby-tcy.png                       the vertical torture book's first chapter
#                                               (ruby, 縦中横) with the embedded font
# Usage: Scripts/screenshots.sh [EPUB] [OUT]. Installs chromium and
# fonts-noto-cjk (Debian) when missing.
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
galley="$(swift build -c "${CONFIG:-release}" --show-bin-path)/galley"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
status=0

# shoot PAGE PNG [WIDTHxHEIGHT]
shoot() {
  rm -f "$2"
  chromium --headless --disable-gpu --no-sandbox --hide-scrollbars \
    --screenshot="$2" --window-size="${3:-800,1100}" "file://$1" >/dev/null 2>&1 || true
  if [ -s "$2" ]; then
    echo "screenshots: $2 ($(basename "$1"))"
  else
    echo "screenshots: chromium wrote no $2" >&2
    status=1
  fi
}

# The pages of an unzipped EPUB by their role, found in the XHTML rather than by file name.
page_for() {
  grep -l "epub:type=\"$2\"" "$1"/OEBPS/text/*.xhtml 2>/dev/null | head -n 1
}

# with_font PROJECT NAME: a copy of PROJECT with Noto Serif CJK SC embedded, built and unzipped into $work/NAME.
with_font() {
  mkdir -p "$work/$2-project"
  cp -RL "$1"/. "$work/$2-project/"
  rm -rf "$work/$2-project/Build"
  printf '\nfonts:\n  - family: Noto Serif CJK SC\n' >> "$work/$2-project/Source/book.yaml"
  "$galley" build "$work/$2-project" --output "$work/$2-build" >/dev/null
  unzip -q "$work/$2-build/book.epub" -d "$work/$2"
}

unzip -q "$epub" -d "$work/default"
mkdir -p "$work/repo"
cp -R Source Styles "$work/repo/"
with_font "$work/repo" embedded
for role in titlepage preface foreword; do
  for book in default embedded; do
    page="$(page_for "$work/$book" "$role")"
    if [ -z "$page" ]; then
      echo "screenshots: no $role page in $book" >&2
      status=1
      continue
    fi
    name="$role"
    [ "$book" = default ] || name="embedded-$role"
    shoot "$page" "$out/$name.png"
  done
done

with_font Tests/Books/torture-vertical vertical
page="$(grep -l "縦中横" "$work"/vertical/OEBPS/text/*.xhtml | head -n 1)"
shoot "$page" "$out/vertical-ruby-tcy.png" 1100,800
exit $status
