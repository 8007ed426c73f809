// The workbook reader (runtime/src/data/xlsx/workbook.cpp, cell_text.cpp)
// on workbooks whose every part is known: tests/xlsx/make_reader_cases.py
// writes them, and the values below are the ones written there.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "perfeval/runtime/internal/workbook.hpp"

namespace fs = std::filesystem;
using namespace perfeval::xlsx;

namespace {

const fs::path kReader = fs::path(PERFEVAL_SOURCE_DIR) / "tests/xlsx/reader";

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Workbook open(const std::string& name) {
  auto read = read_workbook(bytes_of(kReader / name));
  REQUIRE(read.workbook);
  return std::move(*read.workbook);
}

}  // namespace

TEST_CASE("workbook: sheets in the workbook's order, a missing one named with its problem") {
  const Workbook book = open("cells.xlsx");
  REQUIRE(book.sheets.size() == 3);
  CHECK(book.sheets[0].name == "单元格");
  CHECK(book.sheets[1].name == "第二");
  CHECK(book.sheets[1].text(2, 1) == "第二张表");  // found by an absolute target
  CHECK(book.sheets[2].name == "缺失");
  REQUIRE(book.sheets[2].problem);
  CHECK(book.sheets[2].problem->code == "xlsx-sheet-missing");
}

TEST_CASE("workbook: shared strings, rich text runs, inline strings, formula strings") {
  const Workbook book = open("cells.xlsx");
  const Sheet& s = book.sheets[0];
  CHECK(s.text(1, 0) == "三级指标");
  // Rich text: the runs joined, the phonetic guide left out.
  CHECK(s.text(1, 1) == "偏差原因分析及 改进措施");
  CHECK(s.text(1, 2) == ">=13人");
  CHECK(s.text(1, 3) == "=13.41万人次");
  CHECK(s.text(1, 4) == "达到预期指标");
  CHECK(s.text(1, 5) == "第一行\r\n第二行");
  CHECK(s.text(1, 6) == "TRUE");
  CHECK(s.text(1, 7) == "#DIV/0!");
  CHECK(s.text(1, 8) == "  其他资金");
}

TEST_CASE("workbook: numbers keep their decimal text, as Excel shows it") {
  const Workbook book = open("cells.xlsx");
  const Sheet& s = book.sheets[0];
  CHECK(s.text(2, 0) == "13.41");
  CHECK(s.text(2, 1) == "0.9984");  // 17 digits written, 15 shown
  CHECK(s.text(2, 2) == "0.0015");
  CHECK(s.text(2, 3) == "74.01");
  CHECK(s.text(2, 4) == "-0.1");
  CHECK(s.text(2, 5) == "4329.46");
  CHECK(s.text(2, 6) == "100");
  CHECK(s.text(2, 7) == "1400");  // #,##0.00 adds no digits of its own
}

TEST_CASE("workbook: percentage and date formats") {
  const Workbook book = open("cells.xlsx");
  const Sheet& s = book.sheets[0];
  CHECK(s.text(3, 0) == "99.84%");
  CHECK(s.text(3, 1) == "100%");
  CHECK(s.text(3, 2) == "111.11%");  // a custom 0.0% format still gives every digit
  CHECK(s.text(3, 3) == "2024-12-10");
  CHECK(s.text(3, 4) == "7");  // a style the workbook does not have
}

TEST_CASE("workbook: a merged range's value belongs to each of its cells") {
  const Workbook book = open("cells.xlsx");
  const Sheet& s = book.sheets[0];
  for (std::uint32_t row : {5u, 6u}) {
    for (std::uint32_t col : {0u, 1u, 2u}) {
      CHECK(s.text(row, col) == "产出指标");
    }
  }
  // Row 6 has no numbers of its own: cells without r="" follow on.
  CHECK(s.text(6, 3) == "4");
  CHECK(s.range_of(6, 1).first.row == 5);
  CHECK(s.range_of(6, 1).last.column == 2);
  CHECK(s.range_of(6, 3).first.column == 3);
}

TEST_CASE("workbook: namespace prefixes, a workbook part of another name, a chart sheet") {
  const Workbook book = open("prefixed.xlsx");
  REQUIRE(book.sheets.size() == 2);
  CHECK(book.sheets[0].name == "图表");
  CHECK(book.sheets[0].chart);
  CHECK(book.sheets[1].text(1, 0) == "项目名称");
  CHECK(book.sheets[1].text(1, 1) == "2.5");
}

TEST_CASE("workbook: files that are not workbooks say what they are") {
  CHECK(read_workbook("项目名称,尾款\n").problem->code == "xlsx-not-zip");
  CHECK(read_workbook("").problem->code == "xlsx-not-zip");
  std::string compound("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  CHECK(read_workbook(compound + std::string(600, '\0')).problem->code == "xlsx-old-binary");
  const std::string name("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28);
  CHECK(read_workbook(compound + std::string(504, '\0') + name).problem->code == "xlsx-encrypted");
  const std::string whole = bytes_of(kReader / "cells.xlsx");
  const auto cut = read_workbook(whole.substr(0, whole.size() / 2));
  REQUIRE(cut.problem);
  CHECK(cut.problem->code == "xlsx-cut-off");
}

TEST_CASE("cell text: column letters and cell names both ways") {
  CHECK(column_letters(0) == "A");
  CHECK(column_letters(25) == "Z");
  CHECK(column_letters(26) == "AA");
  CHECK(column_letters(16383) == "XFD");
  CHECK(cell_name(12, 5) == "F12");
  const auto address = parse_cell_name("AB103");
  REQUIRE(address);
  CHECK(address->row == 103);
  CHECK(address->column == 27);
  CHECK_FALSE(parse_cell_name("A0"));
  CHECK_FALSE(parse_cell_name("12"));
  CHECK_FALSE(parse_cell_name("A1048577"));
  CHECK_FALSE(parse_cell_name("XFE1"));
}

TEST_CASE("cell text: numbers rounded to 15 digits on their decimal text") {
  CHECK(number_text("0.1", false) == "0.1");
  CHECK(number_text("0.30000000000000004", false) == "0.3");
  CHECK(number_text("7.8749999999999991", false) == "7.875");
  CHECK(number_text("99.999999999999999", false) == "100");
  CHECK(number_text("4.845", false) == "4.845");
  CHECK(number_text("1E+3", false) == "1000");
  CHECK(number_text("-2.5e-2", true) == "-2.5%");
  CHECK(number_text("0.98950000000000005", true) == "98.95%");
  CHECK(number_text("0", true) == "0%");
  CHECK(number_text("007.50", false) == "7.5");
  CHECK_FALSE(number_text("", false));
  CHECK_FALSE(number_text("12a", false));
  CHECK_FALSE(number_text("1E999", false));
}

TEST_CASE("cell text: Excel day numbers as dates") {
  CHECK(date_text("45636") == "2024-12-10");
  CHECK(date_text("61") == "1900-03-01");
  CHECK(date_text("45292") == "2024-01-01");
  CHECK(date_text("45351") == "2024-02-29");
  CHECK_FALSE(date_text("45636.5"));
  CHECK_FALSE(date_text("60"));  // 29 February 1900, which never was
}
