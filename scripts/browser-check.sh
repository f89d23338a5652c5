#!/usr/bin/env bash
# Renders the dashboard of a running server in headless Chromium (Debian's `chromium`, installed
# when missing) and fails when:
#   - the page does not answer 200,
#   - the browser console logged an error (an uncaught exception, a CSP violation, a failed load),
#   - a chart is missing from the rendered DOM (each expected chart is an <svg role="img">),
#   - a panel shows its inline error.
# Then saves a screenshot at 1280 px (and, with PHONE_SCREENSHOT=path, one at phone width).
#
# Usage: scripts/browser-check.sh URL [SCREENSHOT]
#   URL         e.g. http://127.0.0.1:3838/sbw_dashboard (query strings welcome)
#   SCREENSHOT  default docs/dashboard.png
# Env: BROWSER_CHECK_CHARTS  space-separated chart ids that must be drawn (default: every chart of the page)
#      BROWSER_CHECK_MIN_IMAGES  least number of <svg role="img"> (default 17: 9 KPI sparklines + 8 charts)
set -euo pipefail
cd "$(dirname "$0")/.."

url=${1:?usage: scripts/browser-check.sh URL [SCREENSHOT]}
shot=${2:-docs/dashboard.png}
charts=${BROWSER_CHECK_CHARTS:-"chart-timeseries chart-event-names chart-login-states chart-funnel chart-heatmap chart-categories chart-brands chart-loads"}
min_images=${BROWSER_CHECK_MIN_IMAGES:-17}

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  echo "browser-check: installing chromium" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
  browser=chromium
fi

work=$(mktemp -d /tmp/browser-check.XXXXXX)
trap 'rm -rf "$work"' EXIT

status=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
if [ "$status" != 200 ]; then
  echo "browser-check: FAIL $url answered $status, not 200" >&2
  exit 1
fi

# A fresh profile each run; --no-sandbox because CI and containers often run as root.
run_browser() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --no-default-browser-check --disable-extensions --hide-scrollbars --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 "$@"
}

run_browser --virtual-time-budget=5000 --dump-dom "$url" >"$work/dom.html" 2>"$work/console.log" || {
  echo "browser-check: FAIL chromium could not render $url" >&2
  tail -20 "$work/console.log" >&2
  exit 1
}

failed=0
# Console messages come as `…:CONSOLE(line)] "message", source: …`; a page error is logged at
# ERROR level or reads as an exception, a CSP refusal or a failed resource.
if grep -E 'CONSOLE' "$work/console.log" | grep -Eiq 'ERROR:CONSOLE|Uncaught|Refused to|Failed to load|violates the following Content Security Policy'; then
  echo "browser-check: FAIL the page logged console errors:" >&2
  grep -E 'CONSOLE' "$work/console.log" | grep -Ei 'ERROR:CONSOLE|Uncaught|Refused to|Failed to load|violates' | head -20 >&2
  failed=1
fi

images=$(grep -o '<svg[^>]*role="img"' "$work/dom.html" | wc -l)
if [ "$images" -lt "$min_images" ]; then
  echo "browser-check: FAIL $images charts drawn (<svg role=\"img\">), expected at least $min_images" >&2
  failed=1
fi
for chart in $charts; do
  if ! grep -q "aria-describedby=\"$chart-desc\"" "$work/dom.html"; then
    echo "browser-check: FAIL chart $chart is not on the page" >&2
    failed=1
  fi
done
if grep -q 'class="panel-error"' "$work/dom.html"; then
  echo "browser-check: FAIL a panel shows an error:" >&2
  grep -o 'class="panel-error"[^<]*<p><strong>[^<]*' "$work/dom.html" | sed 's/.*<strong>/  /' >&2
  failed=1
fi
[ "$failed" -eq 0 ] || exit 1

mkdir -p "$(dirname "$shot")"
run_browser --virtual-time-budget=5000 --window-size=1280,2400 --screenshot="$shot" "$url" >/dev/null 2>&1
if [ -n "${PHONE_SCREENSHOT:-}" ]; then
  mkdir -p "$(dirname "$PHONE_SCREENSHOT")"
  run_browser --virtual-time-budget=5000 --window-size=390,3200 --screenshot="$PHONE_SCREENSHOT" "$url" >/dev/null 2>&1
fi
echo "browser-check: ok — $images charts drawn, no console errors; screenshot $shot"
