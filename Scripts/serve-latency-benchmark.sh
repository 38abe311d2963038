#!/usr/bin/env bash
# Save-to-reload latency of `galley serve` on the bench book (the default
# book's 序言 and 代前言 repeated into 100 chapters, as Scripts/benchmark.sh
# makes it): starts the release galley's server, listens to its event stream
# like an open page does, appends a line to one chapter EDITS times (default
# 20) and measures each time from the write to the page's reload event.
# Prints the median and p90, and what the server said it rebuilt. Not a
# test: figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
chapters=${CHAPTERS:-100}
edits=${EDITS:-20}
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
echo "work: $work" >&2

galley="$(swift build -c release --show-bin-path)/galley"
[ -x "$galley" ] || { echo "build galley first: make galley" >&2; exit 1; }

Scripts/bench-book.sh "$work" "$chapters"
bytes=$(cat "$work"/Source/ch*.md | wc -c)

"$galley" serve "$work" --port 0 > "$work/serve.log" 2>&1 &
server=$!
python3 - "$work" "$chapters" "$edits" "$bytes" <<'PYTHON'
import os, re, socket, statistics, sys, time

work, chapters, edits, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
log = os.path.join(work, "serve.log")
# The server prints its address once its first build is served.
while True:
    with open(log, encoding="utf-8") as handle:
        found = re.search(r"serving http://127\.0\.0\.1:(\d+)/", handle.read())
    if found:
        break
    time.sleep(0.05)
port = int(found.group(1))

stream = socket.create_connection(("127.0.0.1", port))
stream.sendall(b"GET /_galley/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
received = b""

def wait_for(generation):
    global received
    wanted = b"data: %d\n\n" % generation
    while wanted not in received:
        chunk = stream.recv(4096)
        if not chunk:
            sys.exit("the event stream ended")
        received += chunk

wait_for(0)
chapter = os.path.join(work, "Source", "ch%0*d.md" % (len(str(chapters)), chapters // 2))
times = []
for edit in range(1, edits + 1):
    line = "\n\n第%d次修改：保存之后，页面应当立刻重新载入。\n" % edit
    start = time.perf_counter()
    with open(chapter, "a", encoding="utf-8") as handle:
        handle.write(line)
    wait_for(edit)
    times.append((time.perf_counter() - start) * 1000)

times.sort()
p90 = times[max(0, int(round(0.9 * len(times))) - 1)]
print("input: %d chapters, %.1f MB of Markdown; %d edits of %s" % (chapters, size / 1048576, edits, os.path.basename(chapter)))
print("save-to-reload latency: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms"
      % (statistics.median(times), p90, times[0], times[-1]))
with open(log, encoding="utf-8") as handle:
    rebuilt = [l.strip() for l in handle if "changed: rebuilt" in l]
print("server: " + (rebuilt[-1] if rebuilt else "no rebuild logged"))
PYTHON
