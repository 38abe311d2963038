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
# Then the PDF corpus: see below.
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

# The PDF corpus (Tests/ImportCorpus): each book's PDF, pdftotext -layout and plain
# text imported and compared with the chapters it was typeset from. Targets for
# the PDFs: >= 98 % of paragraphs and every heading exact, every note linked,
# every running head and page number removed, no body line removed.
echo
echo "PDF corpus (per book, then totals):"
swift test --filter 'GalleyImportTests.PrintedCorpusTests/(pdfImport|extracted|corpusTotals)' >"$log" 2>&1 || status=$?
grep '^import-benchmark:' "$log" | sed 's/^import-benchmark: //' | sort -s -t: -k1,1
if [ "$status" -ne 0 ]; then
  grep -E '✘|error:' "$log" >&2 || tail -20 "$log" >&2
  exit "$status"
fi
