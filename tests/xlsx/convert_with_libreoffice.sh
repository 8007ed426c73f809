#!/bin/sh
# Writes tests/xlsx/converted/weikuan.xlsx: LibreOffice Calc's own .xlsx of
# a table it imported from CSV (tests/xlsx/make_printed_tables.py writes the
# CSV), so that perfeval is tested on a workbook written by another program
# than openpyxl and itself. Needs libreoffice-calc-nogui. From the
# repository root: sh tests/xlsx/convert_with_libreoffice.sh
set -eu
folder=tests/xlsx/converted
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# CSV import options: comma, double quote, UTF-8 (76), from line 1, no
# column formats, locale zh-CN (2052), numbers and percentages read as such, no special
# numbers, ..., formulas not evaluated ("=3项" is text as printed).
soffice -env:UserInstallation=file://"$profile" --headless \
  --infilter="CSV:44,34,76,1,,2052,false,false,false,false,false,-1,false" \
  --convert-to xlsx --outdir "$folder" "$folder/weikuan.csv"
