#!/usr/bin/env bash
# The printed timetable is whole: builds the schedule of datasets/gosb-2025, prints its
# timetable.html to PDF with headless Chromium (the page asks for A4 landscape for the
# grid) and finds every slot's start time of schedule.json in the grid pages' text
# (pdftotext, Debian poppler-utils); then loads the page at 1280 and 390 px wide and
# checks that it does not scroll sideways.
#   bash print_test.sh STANDMATCH SOURCE_DIR
# Exits 77 (skipped) when chromium or pdftotext is missing and CI is unset; fails when
# CI is set.
set -euo pipefail

STANDMATCH=$1
SOURCE_DIR=$2

fail() {
  echo "print_test: FAIL: $*" >&2
  exit 1
}

CHROMIUM=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then CHROMIUM=$(command -v "$candidate"); break; fi
done
for tool in "$CHROMIUM" pdftotext; do
  if [[ -z "$tool" ]] || ! command -v "$tool" >/dev/null 2>&1; then
    [[ -n "${CI:-}" ]] && fail "${tool:-chromium} is not installed and CI is set"
    echo "print_test: SKIP: ${tool:-chromium} is not installed (apt-get install chromium poppler-utils)"
    exit 77
  fi
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$STANDMATCH" schedule "$SOURCE_DIR/datasets/gosb-2025/event.json" --out "$WORK/out" >"$WORK/summary.txt" ||
  fail "standmatch schedule failed: $(cat "$WORK/summary.txt")"
[[ -s "$WORK/out/timetable.html" ]] || fail "no timetable.html"

chrome() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --no-default-browser-check --disable-extensions --disable-background-networking \
    --disable-sync --user-data-dir="$WORK/chromium" "$@" 2>>"$WORK/chromium.log"
}

chrome --no-pdf-header-footer --print-to-pdf="$WORK/timetable.pdf" "file://$WORK/out/timetable.html" >/dev/null ||
  fail "chromium could not print (see its log: $(tail -3 "$WORK/chromium.log"))"
[[ -s "$WORK/timetable.pdf" ]] || fail "chromium printed no PDF"
pdftotext -layout "$WORK/timetable.pdf" "$WORK/timetable.txt" || fail "pdftotext could not read the PDF"

# The grid's pages: from its title to the first stand page ("Stand : ...").
python3 - "$WORK/out/schedule.json" "$WORK/timetable.txt" <<'PYTHON' || fail "a slot is missing from the printed grid"
import json, sys
schedule = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
start = text.find("Grille des rendez-vous", text.find("Grille des rendez-vous") + 1)
end = text.find("Stand : ", start)
if start < 0 or end < 0:
    sys.exit("print_test: the grid is not in the PDF text")
grid = text[start:end]
starts = [s["start"] for s in schedule["slots"]]
missing = [s for s in starts if s not in grid]
if len(starts) < 17:
    sys.exit("print_test: expected the 17 slots of gosb-2025, found %d" % len(starts))
if missing:
    sys.exit("print_test: slots not printed in the grid: " + ", ".join(missing))
print("print_test: %d slots printed, %s to %s" % (len(starts), starts[0], starts[-1]))
PYTHON

# No sideways scroll at 1280 and 390 px: the page in a frame of that width (a headless
# window cannot be made narrower than about 500 px), whose scroll width a script reports.
for width in 1280 390; do
  cat >"$WORK/out/frame-$width.html" <<HTML
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="timetable.html" style="width:${width}px;height:900px;border:0"></iframe>
<script>
document.getElementById("f").addEventListener("load", () => {
  const d = document.getElementById("f").contentDocument.documentElement;
  document.body.setAttribute("data-scroll", d.scrollWidth + " " + d.clientWidth);
});
</script></body></html>
HTML
  chrome --allow-file-access-from-files --window-size=1400,1000 --virtual-time-budget=5000 --dump-dom \
    "file://$WORK/out/frame-$width.html" >"$WORK/dom-$width.html" || fail "chromium could not load the page at $width px"
  read -r scroll inner < <(sed -n 's/.*data-scroll="\([0-9]*\) \([0-9]*\)".*/\1 \2/p' "$WORK/dom-$width.html" | head -1)
  [[ -n "${scroll:-}" ]] || fail "the page reported no width at $width px"
  ((inner <= width)) || fail "the frame is $inner px wide, not $width"
  ((scroll <= inner)) || fail "the page scrolls sideways at $width px: $scroll px wide in $inner px"
  echo "print_test: $width px: $scroll px wide in $inner px, no sideways scroll"
done
echo "print_test: OK"
