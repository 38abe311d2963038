#!/usr/bin/env bash
# The galley import damage-and-recover benchmark: clean chapters in
# Tests/GalleyImportTests/Fixtures/Benchmark/ are damaged 20 times (seeded:
# page breaks every 500–700 characters with running heads and page numbers,
# letter-spaced short headings, wandering heading levels, ASCII punctuation,
# straight quotes, spaces around numbers and Latin words, circled note
# markers with the notes at the page foot, ● bullets), imported, and compared
# with the originals. Prints precision/recall for joins, removed lines and
# punctuation, and the share of paragraphs recovered exactly; fails when a
# target is missed (joins ≥ 0.98, furniture removed ≥ 0.99 with no body line
# removed, ≥ 95 % paragraphs exact). A second run also lets page breaks fall
# right after 。！？ (undecidable from text alone) and prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test --filter GalleyImportTests.ImportBenchmarkTests >"$log" 2>&1 || status=$?
grep '^import-benchmark:' "$log" | sed 's/^import-benchmark: //'
if [ "$status" -ne 0 ]; then
  grep -E '✘|error:' "$log" >&2 || tail -20 "$log" >&2
  exit "$status"
fi
