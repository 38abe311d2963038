#!/usr/bin/env bash
# Cold builds, Galley against pandoc, side by side, on two books:
#   - the bench book: the default book's text repeated into 125 chapters
#     (about 2 MB of Markdown, Scripts/bench-book.sh);
#   - a real public book: Bench/rust-by-example-cn (mdBook, 196 files, 340 KB).
# Each run is a pair: one `galley build` (EPUB + DocBook + text, each
# validated) and, right after it, pandoc's three runs on the same files in
# the same order (EPUB, DocBook 5, plain text). Pairs are timed in turn so
# that both tools see the same machine; the figures are medians over the
# pairs, and the ratio is the median of the pairs' ratios. Galley's peak
# memory (max RSS) is the largest of its runs. Not a test: figures only.
# RUNS (default 7) sets the number of pairs; CHAPTERS the bench book's size.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
chapters=${CHAPTERS:-125}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "work: $work" >&2

galley="$(swift build -c release --show-bin-path)/galley"
[ -x "$galley" ] || { echo "build galley first: make galley" >&2; exit 1; }
command -v pandoc >/dev/null || { echo "pandoc is missing: ./Scripts/setup.sh installs it" >&2; exit 1; }

Scripts/bench-book.sh "$work/bench" "$chapters" >/dev/null

now() { date +%s.%N; }
# median N...: the middle value (the lower middle for an even count)
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
largest() { printf '%s\n' "$@" | sort -g | tail -1; }

# bench NAME PROJECT SOURCE_DIR: times $runs pairs and prints one table row.
bench() {
  local name=$1 project=$2 source=$3
  local tree="$work/$name.json" files=() title language bytes
  # The chapter files in reading order, as Galley reads them; pandoc gets the same list.
  "$galley" tree "$project" 2>/dev/null > "$tree"
  mapfile -t files < <(python3 -c '
import json, sys
for d in json.load(open(sys.argv[1]))["divisions"]:
    if d["sourcePath"]: print(d["sourcePath"])' "$tree")
  title=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["metadata"]["title"])' "$tree")
  language=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["metadata"]["language"])' "$tree")
  bytes=$(cd "$source" && cat "${files[@]}" | wc -c)
  local galley_times=() pandoc_times=() ratios=() memory=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f "%e %M" "$galley" build "$project" --output "$work/$name-galley" >/dev/null 2>&1
    local seconds kilobytes
    read -r seconds kilobytes < "$work/time"
    galley_times+=("$seconds"); memory+=("$kilobytes")
    local t0 t1
    t0=$(now)
    (
      cd "$source"
      pandoc --metadata title="$title" --metadata lang="$language" -o "$work/$name.epub" "${files[@]}" 2>/dev/null
      pandoc -s -t docbook5 --metadata title="$title" --metadata lang="$language" -o "$work/$name.xml" "${files[@]}" 2>/dev/null
      pandoc -t plain -o "$work/$name.txt" "${files[@]}" 2>/dev/null
    )
    t1=$(now)
    pandoc_times+=("$(awk "BEGIN { print $t1 - $t0 }")")
    ratios+=("$(awk "BEGIN { print ($t1 - $t0) / $seconds }")")
  done
  printf '%-34s %6d %7.2f %10.2f %10.2f %8.1fx %9d\n' "$name" "${#files[@]}" "$(awk "BEGIN { print $bytes / 1048576 }")" \
    "$(median "${galley_times[@]}")" "$(median "${pandoc_times[@]}")" "$(median "${ratios[@]}")" \
    "$(( $(largest "${memory[@]}") / 1024 ))"
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GiB;" \
  "galley $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(pandoc --version | head -1); $runs paired runs"
printf '%-34s %6s %7s %10s %10s %9s %9s\n' book files MB "galley s" "pandoc s" faster "galley MB"
bench "bench book ($chapters chapters)" "$work/bench" "$work/bench/Source"
bench "rust-by-example-cn (mdBook)" Bench/rust-by-example-cn Bench/rust-by-example-cn/src
echo "galley: one build, EPUB + DocBook + text, each validated; pandoc: three runs (EPUB, DocBook 5, plain)."
echo "faster: median over the pairs of pandoc's time / galley's; galley MB: peak resident memory, largest run."
