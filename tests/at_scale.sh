#!/bin/sh
# `perfeval --filter` as docs/at-scale.md uses it: the tables of examples/
# as JSON Lines (three times over, with a line that is not JSON and a table
# of an unknown type), scored whole and in pieces of several sizes, one
# perfeval per piece as GNU parallel, Hadoop Streaming or Spark's pipe()
# would run it. The pieces' outputs, put back in order, must be the whole
# output byte for byte; in any order, the same lines.
#
#   sh tests/at_scale.sh PERFEVAL SOURCE_DIR WORK_DIR
set -eu
perfeval=$1
source=$2
work=$3
rules="$source/rules"
rm -rf "$work"
mkdir -p "$work"
cd "$work"

for round in 1 2 3; do
  for table in "$source"/examples/*.json; do
    python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), ensure_ascii=False))' "$table"
  done
  [ "$round" = 2 ] && echo '{"project": "cut off'
  [ "$round" = 3 ] && echo '{"project": "没有这种项目", "kind": "project", "indicators": []}'
done >tables.jsonl
lines=$(wc -l <tables.jsonl)

status=0
"$perfeval" --filter --lang en "$rules" - <tables.jsonl >whole.jsonl 2>whole.err || status=$?
[ "$status" = 1 ] || { echo "whole run: exit status $status, expected 1 (two bad lines)"; exit 1; }
out=$(wc -l <whole.jsonl)
[ "$out" = "$lines" ] || { echo "$lines lines in, $out lines out"; exit 1; }
if grep -q '"summary"' whole.jsonl; then echo "a summary line in filter output"; exit 1; fi
if grep -o -- '"-:[0-9]*:' whole.jsonl | grep -qv -- '"-:1:'; then
  echo "an error placed by its line in the whole input"; exit 1
fi

same() {  # same FILE WHAT
  cmp -s whole.jsonl "$1" || { echo "$2: output differs from the whole run"; diff whole.jsonl "$1" | head; exit 1; }
}

# In order, pieces of 1, 7 and 20 lines, each through its own perfeval.
for size in 1 7 20; do
  rm -rf "pieces-$size" && mkdir "pieces-$size"
  split -l "$size" tables.jsonl "pieces-$size/piece-"
  for piece in "pieces-$size"/piece-*; do
    "$perfeval" --filter --lang en -j 2 "$rules" - <"$piece" >"$piece.out" 2>/dev/null || true
  done
  cat "pieces-$size"/piece-*.out >"joined-$size.jsonl"
  same "joined-$size.jsonl" "split -l $size"
done

# Out of order: the same lines.
sort whole.jsonl >whole.sorted
for piece in $(ls pieces-7/piece-*.out | sort -r); do cat "$piece"; done | sort >shuffled.sorted
cmp -s whole.sorted shuffled.sorted || { echo "pieces in another order: other lines"; exit 1; }

# GNU parallel, as docs/at-scale.md shows it: in order with --keep-order,
# and as the pieces finish without it.
command -v parallel >/dev/null || { echo "GNU parallel is needed (sh tools/install-deps.sh --tests)"; exit 1; }
parallel --will-cite --pipe -N 5 --keep-order -j 2 \
  "$perfeval" --filter --lang en -j 1 "$rules" - <tables.jsonl >parallel.jsonl 2>/dev/null || true
same parallel.jsonl "parallel --keep-order"
parallel --will-cite --pipe -N 3 -j 2 \
  "$perfeval" --filter --lang en -j 1 "$rules" - <tables.jsonl 2>/dev/null | sort >parallel.sorted || true
cmp -s whole.sorted parallel.sorted || { echo "parallel without --keep-order: other lines"; exit 1; }
echo "filter: $lines lines, the same output for every split"
