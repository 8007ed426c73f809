#!/bin/sh
# Builds perfeval with AddressSanitizer and UndefinedBehaviorSanitizer in a
# build tree of its own and runs the whole test suite there. Any leak, memory
# error or undefined behaviour fails the run (non-zero exit).
#
#   sh tools/sanitize.sh              # build tree: build-asan
#   BUILD_DIR=/tmp/asan sh tools/sanitize.sh
#
# The tests that drive outside programs (chromium for the HTML report, node
# for the editor grammar, cpack and dpkg-deb for the Debian package, bash and
# zsh for shell completion) exercise those programs, not perfeval's code,
# and are left out here; the ordinary test run covers them.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build-asan"}
jobs=${JOBS:-2}
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

nice cmake -S "$here" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DPERFEVAL_BENCH=OFF >/dev/null
nice cmake --build "$build" -j"$jobs"

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
LSAN_OPTIONS=suppressions=$here/tools/lsan.supp
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
nice ctest --test-dir "$build" --output-on-failure -j"$jobs" \
  -E '^(browser\.html_report_in_chromium|browser\.html_report_prints_one_page_per_table|textmate-grammar|debian-package|shell-completion)$'
