#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of Fuzz/ (their own package, so
# the main package never sees -sanitize=fuzzer) and runs each for
# FUZZ_SECONDS (default 900), one after the other, in libFuzzer's fork mode
# (a crash, hang or out-of-memory input is kept and the run goes on). Prints
# executions, corpus growth and findings per target; exits non-zero when a
# target crashed, hung or ran out of memory. Seeds: Fuzz/Corpus/KIND (committed, read only);
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
  # Fork mode with crashes ignored: the run goes on for its whole time after
  # a finding, each finding kept as a file. The Swift runtime's backtracer is
  # off so that libFuzzer's own signal handler sees a trap and saves the input.
  # The harness's temporary project lives in $scratch (TMPDIR), removed after.
  started=$SECONDS
  SWIFT_BACKTRACE=enable=no TMPDIR="$scratch" "$bin/$target" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -dict="Fuzz/Dictionaries/$dict" -artifact_prefix="$crashes/" \
    "$corpus" "Fuzz/Corpus/$kind" >"$log" 2>&1
  code=$?
  elapsed=$((SECONDS - started))
  rm -rf "$scratch"
  # libFuzzer's fork-mode status lines: `#EXECUTIONS: cov: … oom/timeout/crash: O/T/C time: …`.
  status_line=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
  executions=$(printf '%s' "$status_line" | grep -oE '^#[0-9]+' | tr -d '#')
  findings=$(printf '%s' "$status_line" | grep -oE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' | cut -d' ' -f2)
  after=$(find "$corpus" -type f | wc -l)
  found=$(($(find "$crashes" -type f | wc -l) - crashes_before))
  line="$target: ${executions:-0} executions in $elapsed s, corpus $before → $after (+$((after - before)) new)"
  line="$line, oom/timeout/crash ${findings:-0/0/0}, $found input(s) kept, exit $code"
  if [ "$code" -ne 0 ] || [ "$found" -ne 0 ] || [ "${findings:-0/0/0}" != 0/0/0 ]; then
    status=1
    grep -m3 -E 'Fatal error|deadly signal|ERROR: libFuzzer|out-of-memory|timeout' "$log" >&2
    [ "$found" -gt 0 ] && ls -t "$crashes" | head -n "$((found < 10 ? found : 10))" | sed "s|^|  ${crashes#"$PWD/"}/|" >&2
  fi
  summary+=("$line")
  echo "fuzz: $line"
done
rm -rf "$work/tmp"
echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
[ "$status" -eq 0 ] || echo "fuzz: FAILED; crash inputs under ${work#"$PWD/"}/Crashes" >&2
exit $status
