#!/bin/sh
# The HTML report in a real browser. Writes the report of rules/ + examples/,
# has Debian's chromium (headless) render it to a screenshot and dump the DOM
# it built, fails on any console message, then checks the DOM against the
# JSON report with check_dom.js.
#
# usage: check_html_in_chromium.sh WRITE_HTML_REPORT PERFEVAL SOURCE_DIR OUT_DIR
# The screenshot is left at OUT_DIR/report.png. A missing chromium is a
# failure, not a skip: tools/install-deps.sh installs it.
set -eu

writer=$1
perfeval=$2
source_dir=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ -x "$chromium" ] || fail "$chromium is missing (sh tools/install-deps.sh installs chromium)"
command -v node >/dev/null 2>&1 || fail "node is missing (sh tools/install-deps.sh installs nodejs)"

rm -rf "$out"
mkdir -p "$out"
cd "$source_dir"
"$writer" rules "$out/report.html" examples || fail "write_html_report failed"
"$perfeval" --format json --lang zh rules examples >"$out/report.json" ||
  fail "perfeval --format json failed"

# Each chromium run gets a fresh profile, so nothing carries over between
# runs or from whoever ran chromium before.
profiles=""
trap 'rm -rf $profiles' EXIT INT TERM
run_chromium() {
  profile=$(mktemp -d)
  profiles="$profiles $profile"
  timeout 100 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" "file://$out/report.html"
}

# A4 landscape at 96 dpi.
run_chromium --hide-scrollbars --window-size=1123,794 --screenshot="$out/report.png" \
  >"$out/screenshot.log" 2>&1 || fail "chromium --screenshot failed; see $out/screenshot.log"
run_chromium --dump-dom >"$out/dom.html" 2>"$out/dom.log" ||
  fail "chromium --dump-dom failed; see $out/dom.log"

# The page has no scripts and loads nothing: any console message (a script
# error, a resource that failed to load) means the report is broken.
if grep -E "CONSOLE|Uncaught|Failed to load resource|net::ERR_" "$out/screenshot.log" "$out/dom.log"; then
  fail "chromium printed console messages for the report"
fi

node "$here/check_dom.js" "$out/dom.html" "$out/report.json" "$out/report.png"
