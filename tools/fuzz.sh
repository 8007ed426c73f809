#!/bin/sh
# Builds the libFuzzer targets of fuzz/ with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer included) and runs each for FUZZ_SECONDS.
# Anything found (a crash, a hang over 10 s, a leak, memory over 2 GB) is
# written to $FUZZ_OUT/crashes and makes the script exit non-zero.
#
#   sh tools/fuzz.sh                          # every target, 60 s each
#   FUZZ_RUNS=10000 sh tools/fuzz.sh          # a fixed number of inputs from seed 1:
#                                             # repeatable, as CI runs it
#   FUZZ_SECONDS=3600 FUZZ_TARGETS=rules sh tools/fuzz.sh
#   build-fuzz/fuzz/fuzz_rules build-fuzz/fuzz-out/crashes/rules-crash-...  # replay one
#
# Seeds are read from rules/ and examples/ where they are, with the odd
# layouts of fuzz/seeds/format and the hostile printed figures of
# fuzz/seeds/audit; what the fuzzers learn is kept in $FUZZ_OUT/corpus, so a
# second run starts where the first stopped.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build-fuzz"}
seconds=${FUZZ_SECONDS:-60}
out=${FUZZ_OUT:-"$build/fuzz-out"}
targets=${FUZZ_TARGETS:-"rules formula value data format audit workbook"}
cxx=${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}
[ -n "$cxx" ] || { echo "fuzz.sh: clang++ is needed (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }

nice cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPERFEVAL_FUZZ=ON -DPERFEVAL_TESTS=OFF \
  -DPERFEVAL_BENCH=OFF >/dev/null
for t in $targets; do
  nice cmake --build "$build" -j"${JOBS:-2}" --target "fuzz_$t"
done

mkdir -p "$out/crashes" "$out/seeds/value"
# Value text seeds: every actual value of the examples and target of the rules.
grep -rhoE '"actual": *"[^"]*"' "$here/examples" | sed -E 's/^"actual": *"//; s/"$//' >"$out/seeds/value.txt"
grep -rhoE 'target [^m]*method' "$here/rules" | sed -E 's/^target +//; s/ +method$//' >>"$out/seeds/value.txt"
# Workbook seeds: the workbooks of tests/xlsx whole, and each one's first
# sheet as XML alone (fuzz_workbook puts such XML into a workbook).
mkdir -p "$out/seeds/workbook"
for book in "$here"/tests/xlsx/*/*.xlsx; do
  name=$(basename "$(dirname "$book")")-$(basename "$book" .xlsx)
  cp "$book" "$out/seeds/workbook/$name.xlsx"
  unzip -p "$book" xl/worksheets/sheet1.xml >"$out/seeds/workbook/$name.xml" 2>/dev/null || true
done
n=0
sort -u "$out/seeds/value.txt" | while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" >"$out/seeds/value/$n"
done

status=0
for t in $targets; do
  case $t in
    rules | formula) seeds="$here/rules"; dict="-dict=$here/fuzz/rules.dict" ;;
    value) seeds="$out/seeds/value"; dict="" ;;
    data) seeds="$here/examples"; dict="-dict=$here/fuzz/data.dict" ;;
    format) seeds="$here/rules $here/fuzz/seeds/format"; dict="-dict=$here/fuzz/rules.dict" ;;
    audit) seeds="$here/examples $here/fuzz/seeds/audit"; dict="-dict=$here/fuzz/data.dict" ;;
    workbook) seeds="$out/seeds/workbook"; dict="-dict=$here/fuzz/workbook.dict" ;;
    *) echo "fuzz.sh: no target '$t'" >&2; exit 2 ;;
  esac
  mkdir -p "$out/corpus/$t"
  echo "fuzz.sh: fuzz_$t" >&2
  # shellcheck disable=SC2086
  # CI wants the same inputs every time (FUZZ_RUNS); a person, a time budget.
  if [ -n "${FUZZ_RUNS:-}" ]; then
    budget="-runs=$FUZZ_RUNS -seed=1"
  else
    budget="-max_total_time=$seconds"
  fi
  # shellcheck disable=SC2086
  if ! nice "$build/fuzz/fuzz_$t" $budget -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/$t-" -print_final_stats=1 $dict \
    "$out/corpus/$t" $seeds >"$out/$t.log" 2>&1; then
    status=1
    echo "fuzz.sh: fuzz_$t found a problem; see $out/$t.log" >&2
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
  echo "fuzz_$t: ${runs:-?} executions" >&2
done
if [ -n "$(ls -A "$out/crashes")" ]; then
  echo "fuzz.sh: inputs that failed are in $out/crashes" >&2
  status=1
fi
exit $status
