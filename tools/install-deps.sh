#!/bin/sh
# Installs the Debian 12 packages perfeval needs, if any are missing. Works
# as root or through sudo; does nothing when everything is there.
#
#   sh tools/install-deps.sh           what building and running perfeval needs
#   sh tools/install-deps.sh --tests   that, and what the whole test suite runs
set -eu

# Building: the compiler and build tools, the libraries perfeval links
# (fmt, simdjson, utf8proc, libxlsxwriter, and libzip and pugixml to read
# Excel workbooks) and the header-only ones it
# compiles with (PEGTL, nlohmann-json, CLI11, Catch2 for the tests it builds),
# help2man for the manual page, and cpp-httplib for perfeval serve's page.
packages="g++ cmake ninja-build pkg-config ccache
tao-pegtl-dev libfmt-dev nlohmann-json3-dev libcli11-dev catch2
libsimdjson-dev libutf8proc-dev libxlsxwriter-dev libzip-dev libpugixml-dev help2man
libcpp-httplib-dev"

# Testing: chromium and a CJK font for the browser tests of the HTML report,
# poppler-utils (pdfinfo, pdftotext) to count and read its printed pages,
# unzip to read .xlsx files, clang and its runtime libraries for the fuzzers
# (tools/fuzz.sh, docs/hardening.md), python3 and time for the benchmark
# comparison's smoke test (bench/compare.py, with node and npm below),
# dpkg-dev for the Debian package's dependencies, bash-completion and zsh for
# the shell completion test, GNU parallel for the filter test
# (docs/at-scale.md), and python3-openpyxl and libreoffice-calc-nogui for
# the template's round trip (tests/template_round_trip.py fills a template
# in and saves it through LibreOffice); the same two write the workbooks of
# tests/xlsx again (make_printed_tables.py, convert_with_libreoffice.sh).
test_packages="chromium fonts-wqy-microhei poppler-utils unzip clang-14 libclang-rt-14-dev python3 time
dpkg-dev bash-completion zsh parallel python3-openpyxl libreoffice-calc-nogui"

case "${1:-}" in
  --tests) packages="$packages $test_packages"; with_tests=yes ;;
  "") with_tests=no ;;
  *) echo "usage: sh tools/install-deps.sh [--tests]" >&2; exit 2 ;;
esac

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# The editor-grammar test and the zen-engine comparison run on Node.js: any
# node and npm on the PATH do.
if [ "$with_tests" = yes ] && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
  missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
echo "perfeval: installing$missing" >&2
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
