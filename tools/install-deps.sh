#!/bin/sh
# Installs the Debian 12 packages perfeval builds with, if any are missing.
# Works as root or through sudo; does nothing when everything is there.
set -eu

# The third line serves the report formats: libxlsxwriter for Excel, chromium
# for the browser test of the HTML report, unzip to read .xlsx in tests, and
# a CJK font so the browser draws Chinese text. clang and its runtime
# libraries build the fuzzers (tools/fuzz.sh, docs/hardening.md). python3 and
# time run the benchmark comparison's smoke test (bench/compare.py), with
# node and npm below.
packages="g++ cmake ninja-build pkg-config ccache tao-pegtl-dev libfmt-dev nlohmann-json3-dev
catch2 libcli11-dev libutf8proc-dev libsimdjson-dev
libxlsxwriter-dev chromium unzip fonts-wqy-microhei
clang-14 libclang-rt-14-dev
python3 time"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# The editor-grammar test and the zen-engine comparison run on Node.js: any
# node and npm on the PATH do.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
echo "perfeval: installing$missing" >&2
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
