#!/usr/bin/env bash
# Builds one large book (the default book's text repeated into 125 chapters,
# about 2 MB of Markdown) with Galley and with pandoc into the same three
# formats, and prints both times side by side. Not a test: figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
chapters=${CHAPTERS:-125}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "work: $work" >&2

galley="$(swift build -c release --show-bin-path)/galley"
[ -x "$galley" ] || { echo "build galley first: make galley" >&2; exit 1; }

Scripts/bench-book.sh "$work" "$chapters"
files=("$work"/Source/ch*.md)
bytes=$(cat "${files[@]}" | wc -c)

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
runs=${RUNS:-5}

# Each side runs $runs times; the figure is the median (this machine's timing
# noise is large, and one run proves little).
galley_times=()
for _ in $(seq "$runs"); do
  t0=$(now)
  "$galley" build "$work" --output "$work/galley" >/dev/null
  galley_times+=("$(calc "$(now) - $t0")")
done
pandoc_times=()
for _ in $(seq "$runs"); do
  t0=$(now)
  pandoc --metadata title=基准测试之书 --metadata lang=zh-Hans -o "$work/pandoc.epub" "${files[@]}"
  pandoc -s -t docbook5 --metadata title=基准测试之书 -o "$work/pandoc.xml" "${files[@]}"
  pandoc -t plain -o "$work/pandoc.txt" "${files[@]}"
  pandoc_times+=("$(calc "$(now) - $t0")")
done

galley_s=$(median "${galley_times[@]}")
pandoc_s=$(median "${pandoc_times[@]}")
printf 'input: %d chapters, %.1f MB of Markdown; median of %d runs each\n' "$chapters" "$(calc "$bytes / 1048576")" "$runs"
printf '%-50s %8s\n' "tool" "seconds"
printf '%-50s %8.2f\n' "galley build (EPUB + DocBook + text, validated)" "$galley_s"
printf '%-50s %8.2f\n' "pandoc (EPUB, DocBook 5, plain: three runs)" "$pandoc_s"
printf 'galley is %.1fx faster\n' "$(calc "$pandoc_s / $galley_s")"
