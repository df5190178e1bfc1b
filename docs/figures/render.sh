#!/usr/bin/env bash
# Regenerates the figures made from other files, and optionally renders every figure to PNG.
#
# engine.svg is drawn by hand; engine-day1.svg ... engine-day6.svg are the same picture with one
# stage highlighted, made here from engine.svg by replacing its HIGHLIGHT and CAPTION lines. Every
# other .svg in this directory is hand-written and is its own source. The generated files are
# committed, so nothing needs this script but an edit of engine.svg.
#
#   docs/figures/render.sh              rewrite engine-day*.svg from engine.svg
#   docs/figures/render.sh --check      fail if a committed engine-day*.svg is out of date
#   docs/figures/render.sh --png DIR    also render every figure to DIR/NAME.png, 830 px wide
#                                       (needs rsvg-convert: Debian package librsvg2-bin)
set -euo pipefail
cd "$(dirname "$0")"

mode=write
png_dir=""
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --png) png_dir=${2:?"--png needs a directory"} ;;
  *) echo "usage: $0 [--check | --png DIR]" >&2; exit 2 ;;
esac

caption() {
  case "$1" in
    1) echo "Day 1: blocks, the sorted unit every SST and the cache hold" ;;
    2) echo "Day 2: SST files and the block cache" ;;
    3) echo "Day 3: the memtable and the merge iterator" ;;
    4) echo "Day 4: the engine state, writes, freezing, memtable reads" ;;
    5) echo "Day 5: the read path, get and scan over memtables and SSTs" ;;
    6) echo "Day 6: the write path, flush, the flush thread, the stall" ;;
  esac
}

# Everything grey, the stage's parts orange. The selectors outrank the base style's.
highlight() {
  local d=$1
  printf '%s' "<style id=\"highlight\">/* HIGHLIGHT: day $d */"
  printf '%s' " .part .box { fill: #f6f8fa; stroke: #afb8c1; }"
  printf '%s' " .part .arrow, .part .join, .part .state { stroke: #afb8c1; }"
  printf '%s' " .part.d$d .box { fill: #fff1e5; stroke: #bc4c00; stroke-width: 2.5; }"
  printf '%s' " .part.d$d .arrow { stroke: #bc4c00; stroke-width: 2.5; marker-end: url(#ah-hi); }"
  printf '%s' " .part.d$d .join, .part.d$d .state { stroke: #bc4c00; stroke-width: 2.5; }"
  printf '%s\n' " </style>"
}

variant() {
  local d=$1
  local hl cap
  hl=$(highlight "$d")
  cap=$(caption "$d")
  awk -v hl="$hl" -v cap="$cap" '
    /<style id="highlight">/ { print hl; next }
    /<text id="caption"/ { sub(/>[^<]*</, ">" cap "<"); print; next }
    { print }
  ' engine.svg
}

stale=0
for d in 1 2 3 4 5 6; do
  out="engine-day$d.svg"
  if [ "$mode" = check ]; then
    if ! variant "$d" | cmp -s - "$out"; then
      echo "$out is out of date: run docs/figures/render.sh" >&2
      stale=1
    fi
  else
    variant "$d" >"$out"
  fi
done
[ "$stale" = 0 ] || exit 1

if [ -n "$png_dir" ]; then
  mkdir -p "$png_dir"
  for svg in *.svg; do
    rsvg-convert --width 830 --background-color white "$svg" -o "$png_dir/${svg%.svg}.png"
  done
  echo "rendered $(ls *.svg | wc -l) figures to $png_dir"
fi
