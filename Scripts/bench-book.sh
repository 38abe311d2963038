#!/usr/bin/env bash
# Writes the bench book into DIR/Source: the bodies of the default book's 序言
# and 代前言 (front matter stripped) repeated into CHAPTERS chapters, headings
# moved down a level under 第N章, footnote labels and part ids made unique per
# chapter. Used by Scripts/benchmark.sh and Scripts/serve-latency-benchmark.sh.
# Usage: Scripts/bench-book.sh DIR CHAPTERS
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
chapters=$2
mkdir -p "$out/Source"
body=$(for f in Source/preface.md Source/foreword.md; do awk 'BEGIN{fm=0} NR==1&&/^---$/{fm=1;next} fm&&/^---$/{fm=0;next} !fm' "$f"; echo; done)
{
  echo "title: 基准测试之书"
  echo "language: zh-Hans"
  echo "author: 上海市党建研究会"
  echo "chapters:"
} > "$out/Source/book.yaml"
for i in $(seq -w 1 "$chapters"); do
  {
    echo "# 第${i}章"
    echo
    printf '%s\n' "$body" | sed -e "s/^# /## /" -e "s/\[\^1\]/[^n${i}]/g" -e "s/{#part-\([0-9]\)}/{#c${i}-part-\1}/"
  } > "$out/Source/ch$i.md"
  echo "  - ch$i.md" >> "$out/Source/book.yaml"
done
