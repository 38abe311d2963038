#!/usr/bin/env bash
# Does galley's time grow linearly with its input, whatever the input's shape?
# Builds (or lints, or imports) each hostile shape of Scripts/shapes.py at N
# and 10N items and prints both times, the ratio and the peak memory; FLAG
# marks a ratio above 15, a 10N run over 10 s or over 1 GB (the rule: no
# input may hang galley). Not a test: figures only.
#   Scripts/shape-scan.sh                      the default list below
#   SHAPES="emph_1para table_cols" N=5000 Scripts/shape-scan.sh
set -uo pipefail
cd "$(dirname "$0")/.."
galley="$(swift build -c release --show-bin-path)/galley"
[ -x "$galley" ] || { echo "build galley first: make galley" >&2; exit 1; }
n=${N:-5000}
shapes=${SHAPES:-"emph_1para inline_html images_inline_missing codespan_1para code_many_lines_star xrefs
  dup_headings table_rows table_cols emph_heading fnref_same refdefs_used ruby list_items chapters
  import_lines import_mixed_lines lint_lines lint_spacing"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run SHAPE COUNT: "seconds kilobytes" of one run (MODE from the shape's name)
run() {
  local dir="$work/$1-$2"
  rm -rf "$dir"
  python3 Scripts/shapes.py "$1" "$2" "$dir" >/dev/null || return 1
  local command=(build "$dir" --output "$dir/out")
  case $1 in
    import_*) command=(import "$dir/input.txt" -o "$dir/imported") ;;
    lint_*) command=(lint "$dir") ;;
  esac
  /usr/bin/time -o "$dir/time" -f "%e %M" timeout 120 "$galley" "${command[@]}" >/dev/null 2>&1
  cat "$dir/time" | tail -1
  rm -rf "$dir"
}

printf '%-24s %8s %8s %9s %7s %9s\n' shape N "N s" "10N s" ratio "10N MB"
for shape in $shapes; do
  read -r small _ < <(run "$shape" "$n")
  read -r large memory < <(run "$shape" $((n * 10)))
  ratio=$(awk "BEGIN { printf \"%.1f\", $large / ($small > 0.01 ? $small : 0.01) }")
  flag=$(awk "BEGIN { print ($ratio > 15 || $large > 10 || $memory > 1048576) ? \"FLAG\" : \"\" }")
  printf '%-24s %8d %8.2f %9.2f %6sx %9d %s\n' "$shape" "$n" "$small" "$large" "$ratio" $((memory / 1024)) "$flag"
done
