#!/bin/sh
# A table too tall for one A4 page, printed: Debian's chromium (headless)
# prints the HTML report of tests/browser/tall (one project of 60 indicators,
# some explained at length) to PDF, in Chinese and in English. The PDF must
# have one page per sheet the report writes (the table's pages and the
# summary), each page after the table's first must carry the project's name
# with 续 / (continued), the lines to sign must come once, on the table's
# last page, and page n must end with the report's own footer for page n.
#
# usage: check_print_continued.sh PERFEVAL SOURCE_DIR OUT_DIR
# A missing chromium or poppler-utils (pdfinfo, pdftotext) is a failure:
# tools/install-deps.sh --tests installs them.
set -eu

perfeval=$1
source_dir=$2
out=$3
project=全州就业创业综合服务能力提升项目
. "$(dirname "$0")/print_support.sh"

rm -rf "$out"
mkdir -p "$out"
cd "$source_dir"

for lang in zh en; do
  html="$out/tall-$lang.html"
  pdf="$out/tall-$lang.pdf"
  "$perfeval" --quiet --format html --lang $lang -o "$html" tests/browser/tall/rules tests/browser/tall/data ||
    fail "perfeval --format html --lang $lang failed"
  sheets=$(grep -c '<section class="sheet' "$html")
  continued=$(grep -c '<section class="sheet continued"' "$html" || true)
  [ "$continued" -gt 0 ] || fail "the $lang report does not continue the tall table on a further page"
  table_pages=$((continued + 1))

  print_to_pdf "$html" "$pdf" "$out/print-$lang.log"

  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  [ "$pages" = "$sheets" ] ||
    fail "the $lang report prints on $pages pages, not $sheets ($table_pages for the table and the summary)"

  if [ $lang = zh ]; then caption="项目名称：$project（续）"; sign=填报人; else
    caption="Project: $project (continued)"; sign="Prepared by"; fi
  page=1
  while [ $page -le "$pages" ]; do
    text="$out/page-$lang-$page.txt"
    # Printed smaller than full size, the spaces of a line may come out of
    # pdftotext or not: the page's text is compared without them.
    pdftotext -f $page -l $page -layout "$pdf" - | tr -d ' ' >"$text"
    if [ $lang = zh ]; then footer="第 $page 页 共 $pages 页"; else footer="Page $page of $pages"; fi
    grep -q "$(echo "$footer" | tr -d ' ')" "$text" ||
      fail "page $page of the $lang report does not end with '$footer'"
    if [ $page -gt 1 ] && [ $page -le $table_pages ]; then
      grep -q "$(echo "$caption" | tr -d ' ')" "$text" ||
        fail "page $page of the $lang report does not begin with '$caption'"
    fi
    signed=$(grep -c "$(echo "$sign" | tr -d ' ')" "$text" || true)
    if [ $page -eq $table_pages ]; then
      [ "$signed" = 1 ] || fail "the table's last page (page $page, $lang) has no '$sign' line"
      grep -q "$(if [ $lang = zh ]; then echo 审核人; else echo Reviewedby; fi)" "$text" ||
        fail "the table's last page (page $page, $lang) has no line for the reviewer"
    elif [ "$signed" != 0 ]; then
      fail "page $page of the $lang report has a '$sign' line; it belongs on page $table_pages only"
    fi
    page=$((page + 1))
  done
  echo "$lang: the tall table on $table_pages pages and the summary, $pages pages"
done
