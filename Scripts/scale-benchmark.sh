#!/usr/bin/env bash
# How `galley build` grows with the input: books of 10 000 and 100 000
# headings, footnotes and links (generated here, spread over 10 chapters),
# each built RUNS times, the median time printed side by side with the
# ratio 100k / 10k. Ten times the input may take at most MAX_RATIO (12)
# times as long; a larger ratio is printed as FAIL and the exit status is 1.
# Not a test: figures only (the tests keep no clock).
set -euo pipefail
cd "$(dirname "$0")/.."
small=${SMALL:-10000}
large=${LARGE:-100000}
chapters=10
runs=${RUNS:-3}
max_ratio=${MAX_RATIO:-12}
config=${CONFIG:-release}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "work: $work" >&2

galley="$(swift build -c "$config" --show-bin-path)/galley"
[ -x "$galley" ] || { echo "build galley first: make galley" >&2; exit 1; }

# book KIND COUNT: a project folder with COUNT of KIND over $chapters chapters.
book() {
  local kind=$1 count=$2 dir="$work/$1-$2"
  mkdir -p "$dir/Source"
  printf 'title: 规模测试\nlanguage: zh-Hans\nchapters:\n' > "$dir/Source/book.yaml"
  for c in $(seq -w 1 "$chapters"); do
    echo "  - ch$c.md" >> "$dir/Source/book.yaml"
    awk -v kind="$kind" -v n=$((count / chapters)) -v c="$c" 'BEGIN {
      print "# 第" c "章"; print ""
      if (kind == "links" && c == 1)
        for (t = 0; t < 100; t++) { print "## 目标 " t " {#t" t "}"; print ""; print "正文。"; print "" }
      for (i = 1; i <= n; i++) {
        if (kind == "headings") { print "## 标题 " c "-" i; print ""; print "正文第" i "段。"; print "" }
        else if (kind == "footnotes") { print "正文第" i "段[^" i "]。"; print "" }
        else { print "见[目标 " i % 100 "](ch01.md#t" i % 100 ")。"; print "" }
      }
      if (kind == "footnotes") for (i = 1; i <= n; i++) { print "[^" i "]: 注" i "。"; print "" }
    }' > "$dir/Source/ch$c.md"
  done
  echo "$dir"
}

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# seconds KIND COUNT: the median time of $runs builds (all three formats, validated).
seconds() {
  local dir times=()
  dir=$(book "$1" "$2")
  for _ in $(seq "$runs"); do
    local t0; t0=$(now)
    "$galley" build "$dir" --output "$dir/Build" >/dev/null 2>&1 || { echo "build of $1 × $2 failed" >&2; exit 1; }
    times+=("$(calc "$(now) - $t0")")
  done
  median "${times[@]}"
}

printf 'galley build (%s), EPUB + DocBook + text, validated; median of %d runs; %d chapters\n' \
  "$config" "$runs" "$chapters"
printf '%-10s %12s %12s %8s  %s\n' "input" "$small (s)" "$large (s)" "ratio" "(at most ${max_ratio}x)"
status=0
for kind in headings footnotes links; do
  a=$(seconds "$kind" "$small")
  b=$(seconds "$kind" "$large")
  ratio=$(calc "$b / $a")
  verdict=ok
  if awk "BEGIN { exit !($ratio > $max_ratio) }"; then verdict=FAIL; status=1; fi
  printf '%-10s %12.2f %12.2f %7.1fx  %s\n' "$kind" "$a" "$b" "$ratio" "$verdict"
done
exit $status
