# Sourced by the printing tests: what they need, and a page printed to PDF
# by Debian's chromium, headless, with a profile of its own that is removed
# on exit.
#
# usage: . print_support.sh   (sets $chromium; defines fail, print_to_pdf)

chromium=${CHROMIUM:-/usr/bin/chromium}
profiles=""
trap 'rm -rf $profiles' EXIT INT TERM

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ -x "$chromium" ] || fail "$chromium is missing (sh tools/install-deps.sh --tests installs chromium)"
for tool in pdfinfo pdftotext; do
  command -v $tool >/dev/null 2>&1 ||
    fail "$tool is missing (sh tools/install-deps.sh --tests installs poppler-utils)"
done

# print_to_pdf HTML PDF LOG
print_to_pdf() {
  profile=$(mktemp -d)
  profiles="$profiles $profile"
  timeout 100 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$2" \
    "file://$1" >"$3" 2>&1 ||
    fail "chromium --print-to-pdf failed; see $3"
}
