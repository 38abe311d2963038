#!/usr/bin/env bash
# Typeset the PDF import corpus (issue 12, point 3) with a real engine and
# extract its text the way users' tools do.
#
# Inputs (committed): Tests/ImportCorpus/<book>/meta.txt and
#   Tests/ImportCorpus/<book>/expected/*.md (what `galley import` should recover).
# Outputs (git-ignored), per book in Tests/ImportCorpus/Build/<book>/:
#   book.html        the HTML with print CSS that WeasyPrint typesets
#   book.pdf         A6, running heads, folios, footnotes, two-line chapter headings
#   book.txt         `pdftotext` (plain, form feeds between pages)
#   book.layout.txt  `pdftotext -layout`
# and copies the three to Tests/ImportCorpus/<book>/pdf/, the corpus the tests
# and Scripts/import-benchmark.sh import (committed: the tests need no WeasyPrint).
#
# This script installs nothing. It needs:
#   python3 with WeasyPrint     pip install weasyprint        (tested with 70.0)
#   Noto Serif CJK SC           Debian: apt-get install fonts-noto-cjk
#   pdftotext, pdfinfo          Debian: apt-get install poppler-utils
#
# Usage: Scripts/make-import-corpus.sh [book ...]     (default: every book)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

missing=0
"$PYTHON" -c 'import weasyprint' 2>/dev/null || { echo "needs WeasyPrint: pip install weasyprint" >&2; missing=1; }
command -v pdftotext >/dev/null || { echo "needs pdftotext: apt-get install poppler-utils" >&2; missing=1; }
fc-list : family 2>/dev/null | grep "Noto Serif CJK SC" >/dev/null || { echo "needs Noto Serif CJK SC: apt-get install fonts-noto-cjk" >&2; missing=1; }
[ "$missing" -eq 0 ] || exit 1

"$PYTHON" Scripts/make-import-corpus.py "$@"

for dir in Tests/ImportCorpus/Build/*/; do
  book=$(basename "$dir")
  if [ "$#" -gt 0 ] && [[ " $* " != *" $book "* ]]; then continue; fi
  pdftotext -enc UTF-8 "$dir/book.pdf" "$dir/book.txt"
  pdftotext -enc UTF-8 -layout "$dir/book.pdf" "$dir/book.layout.txt"
  pages=$(pdfinfo "$dir/book.pdf" | awk '/^Pages:/ {print $2}')
  # The PDF and its two extractions are the committed corpus the tests import.
  mkdir -p "Tests/ImportCorpus/$book/pdf"
  cp "$dir/book.pdf" "$dir/book.txt" "$dir/book.layout.txt" "Tests/ImportCorpus/$book/pdf/"
  echo "$book: $pages pages -> Tests/ImportCorpus/$book/pdf/"
done
