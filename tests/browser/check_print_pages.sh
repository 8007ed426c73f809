#!/bin/sh
# The HTML report on paper: Debian's chromium (headless) prints the report
# of rules/ + examples/ to PDF, in Chinese and in English, and each table
# must come out on one A4 landscape page, the summary on one more. Page n
# of the PDF must carry the report's own footer for page n ("第 n 页 共 N
# 页"), so a table that spills over (or a blank page) fails by name.
#
# usage: check_print_pages.sh PERFEVAL SOURCE_DIR OUT_DIR
# The PDFs are left in OUT_DIR. A missing chromium or poppler-utils (pdfinfo,
# pdftotext) is a failure, not a skip: tools/install-deps.sh --tests
# installs them.
set -eu

perfeval=$1
source_dir=$2
out=$3
. "$(dirname "$0")/print_support.sh"

rm -rf "$out"
mkdir -p "$out"
cd "$source_dir"

for lang in zh en; do
  html="$out/report-$lang.html"
  pdf="$out/report-$lang.pdf"
  "$perfeval" --format html --lang $lang -o "$html" rules examples ||
    fail "perfeval --format html --lang $lang failed"
  tables=$(grep -c '<section class="sheet table"' "$html")
  [ "$tables" -gt 0 ] || fail "the $lang report has no tables"
  expected=$((tables + 1))

  print_to_pdf "$html" "$pdf" "$out/print-$lang.log"

  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  pdfinfo "$pdf" | grep -q '^Page size:.*841.* x 59[45].*A4' ||
    fail "$pdf is not A4 landscape: $(pdfinfo "$pdf" | grep '^Page size')"
  [ "$pages" = "$expected" ] ||
    fail "the $lang report prints on $pages pages, not $expected ($tables tables and the summary)"

  page=1
  while [ $page -le "$pages" ]; do
    if [ $lang = zh ]; then footer="第 $page 页 共 $pages 页"; else footer="Page $page of $pages"; fi
    pdftotext -f $page -l $page -layout "$pdf" - | grep -q "$footer" ||
      fail "page $page of the $lang report does not end with '$footer'"
    page=$((page + 1))
  done
  echo "$lang: $tables tables and the summary on $pages pages"
done
