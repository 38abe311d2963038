#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of Fuzz/ (their own package, so
# the main package never sees -sanitize=fuzzer) and runs each for
# FUZZ_SECONDS (default 900), one after the other. Prints executions, corpus
# growth and crashes per target; exits non-zero when a target crashed, hung
# or ran out of memory. Seeds: Fuzz/Corpus/KIND (committed, read only);
# what a run adds: Fuzz/Work/Corpus/TARGET; crash inputs:
# Fuzz/Work/Crashes/TARGET/ (both git-ignored). A crash input worth keeping
# goes to Fuzz/Regressions/KIND/, which the test suite replays.
#
#   FUZZ_SECONDS=60 make fuzz          a short run
#   FUZZ_TARGETS=FuzzCheck make fuzz   one target
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
seconds="${FUZZ_SECONDS:-900}"
targets="${FUZZ_TARGETS:-FuzzMarkdown FuzzCheck}"
work="$PWD/Fuzz/Work"

echo "fuzz: building Fuzz/ (release, -sanitize=fuzzer)"
(cd Fuzz && "$SWIFT" build -c release --sanitize=fuzzer) || exit 2
bin="$(cd Fuzz && "$SWIFT" build -c release --sanitize=fuzzer --show-bin-path)"

status=0
summary=()
for target in $targets; do
  case "$target" in
    FuzzMarkdown) kind=Markdown; dict=markdown.dict ;;
    FuzzCheck) kind=EPUB; dict=epub.dict ;;
    *) echo "fuzz: no target $target" >&2; exit 2 ;;
  esac
  corpus="$work/Corpus/$target"
  crashes="$work/Crashes/$target"
  scratch="$work/tmp/$target"
  mkdir -p "$corpus" "$crashes" "$scratch"
  before=$(find "$corpus" -type f | wc -l)
  crashes_before=$(find "$crashes" -type f | wc -l)
  log="$work/$target.log"
  echo "fuzz: $target for $seconds s (log: ${log#"$PWD/"})"
  # The harness's temporary project lives in $scratch (TMPDIR), removed after.
  TMPDIR="$scratch" "$bin/$target" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -dict="Fuzz/Dictionaries/$dict" -artifact_prefix="$crashes/" \
    "$corpus" "Fuzz/Corpus/$kind" >"$log" 2>&1
  code=$?
  rm -rf "$scratch"
  executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [ -n "$executions" ] || executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  after=$(find "$corpus" -type f | wc -l)
  found=$(($(find "$crashes" -type f | wc -l) - crashes_before))
  line="$target: ${executions:-0} executions in $seconds s, corpus $before → $after (+$((after - before)) new)"
  line="$line, $found crash/hang/oom input(s), exit $code"
  if [ "$code" -ne 0 ] || [ "$found" -ne 0 ]; then
    status=1
    grep -m1 -E '^==[0-9]+== ?ERROR|deadly signal|Fatal error|ALARM|out-of-memory' "$log" >&2
    [ "$found" -gt 0 ] && ls -t "$crashes" | head -n "$found" | sed "s|^|  ${crashes#"$PWD/"}/|" >&2
  fi
  summary+=("$line")
  echo "fuzz: $line"
done
rm -rf "$work/tmp"
echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
[ "$status" -eq 0 ] || echo "fuzz: FAILED; crash inputs under ${work#"$PWD/"}/Crashes" >&2
exit $status
