#!/usr/bin/env bash
# Renders Lumen's HTML reports (a sweep, a run, the roadmap) in headless Chromium: each page must
# finish its script (body data-ready="1"), have drawn its charts (data-charts > 0) and log no
# console error; a screenshot of each is saved. A page with a deliberate script error must be
# caught, so the check itself is known to work.
# Usage: check_html_in_chromium.sh LUMEN_BINARY SCRATCH_DIR   (run from the source tree)
set -euo pipefail
lumen="$1"
scratch="$2"
rm -rf "$scratch"
mkdir -p "$scratch"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "chromium is not installed (bash scripts/install-deps.sh --test installs it)" >&2
  exit 1
fi

"$lumen" sweep sweeps/array-size.json -j 2 -o "$scratch/sweep" >/dev/null 2>&1
"$lumen" run configs/ring8-optical.json scenarios/pong.json -o "$scratch/run" >/dev/null
"$lumen" roadmap configs/roadmap.json -o "$scratch/roadmap" >/dev/null 2>&1
cat >"$scratch/broken.html" <<'HTML'
<!DOCTYPE html><html><body><svg></svg><script>undefinedFunction();</script></body></html>
HTML

# Prints the rendered DOM; the page's console goes to $2.
render() {
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "file://$1" 2>"$2"
}
console_errors() {
  grep -E 'CONSOLE|Uncaught' "$1" | grep -Ei 'error|uncaught' || true
}

failed=0
for page in sweep/report.html run/report.html roadmap/report.html; do
  path="$(realpath "$scratch/$page")"
  name="${page%%/*}"
  render "$path" "$scratch/$name.console" >"$scratch/$name.dom"
  charts="$(grep -o 'data-charts="[0-9]*"' "$scratch/$name.dom" | grep -o '[0-9]*' || echo 0)"
  errors="$(console_errors "$scratch/$name.console")"
  if ! grep -q 'data-ready="1"' "$scratch/$name.dom"; then
    echo "FAIL $page: its script did not finish (no data-ready)"; failed=1
  elif [ "$charts" -lt 1 ]; then
    echo "FAIL $page: no chart drawn"; failed=1
  elif [ -n "$errors" ]; then
    echo "FAIL $page: console errors:"; echo "$errors"; failed=1
  else
    echo "ok $page: $charts charts, no console errors"
  fi
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --window-size=1200,1800 --screenshot="$scratch/$name.png" "file://$path" >/dev/null 2>&1
  if [ ! -s "$scratch/$name.png" ]; then echo "FAIL $page: no screenshot"; failed=1; fi
done

# The negative control: the detector must see a broken page's error.
render "$(realpath "$scratch/broken.html")" "$scratch/broken.console" >"$scratch/broken.dom"
if [ -z "$(console_errors "$scratch/broken.console")" ]; then
  echo "FAIL the console-error check missed a deliberate script error"; failed=1
else
  echo "ok the check catches a page with a script error"
fi
echo "screenshots: $scratch/*.png"
exit "$failed"
