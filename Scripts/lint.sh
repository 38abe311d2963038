#!/usr/bin/env bash
# `make lint`: swift-format's lint with the committed .swift-format (every
# finding is an error), then the 120-column limit on every Swift line in
# Sources/, Tests/ and Fuzz/Sources/ (the fuzz targets). Lists every finding
# and exits non-zero when there is one.
#
#   Scripts/lint.sh            both checks
#   Scripts/lint.sh --columns  only the 120-column check (no swift-format needed)
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
LIMIT=120
status=0

if [ "${1:-}" != "--columns" ]; then
  if ! "$SWIFT" format lint --strict --parallel --recursive --configuration .swift-format Sources Tests Fuzz/Sources; then
    status=1
  fi
fi

# Counted in characters (Unicode code points), as swift-format counts them;
# a CJK character is one, though a terminal shows it two cells wide.
long="$(LC_ALL=C.UTF-8 grep -rnP --include='*.swift' "^.{$((LIMIT + 1)),}" Sources Tests Fuzz/Sources)"
if [ -n "$long" ]; then
  printf '%s\n' "$long" | sed -E "s/^([^:]+:[0-9]+):.*/\1: error: line longer than $LIMIT characters [LineLimit]/"
  echo "lint: $(printf '%s\n' "$long" | wc -l) lines longer than $LIMIT characters" >&2
  status=1
fi
exit $status
