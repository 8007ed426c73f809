// The Excel report, unpacked: an .xlsx is a zip of XML parts, read here
// with Debian's unzip.

#include <catch2/catch.hpp>
#include <regex>

#include "test_reports_support.hpp"

using namespace perfeval;
using namespace perfeval::test;

namespace {

// The sheet names in workbook order.
std::vector<std::string> sheet_names(const std::filesystem::path& file) {
  const std::string workbook = unzip_member(file, "xl/workbook.xml");
  std::vector<std::string> names;
  const std::regex sheet("<sheet name=\"([^\"]*)\"");
  for (std::sregex_iterator it(workbook.begin(), workbook.end(), sheet), end; it != end; ++it) {
    names.push_back((*it)[1]);
  }
  return names;
}

// True when a number cell of `sheet` holds `decimal`: libxlsxwriter writes
// the double with 16 significant digits (99.96 becomes 99.95999999999999),
// which agrees with the decimal to 10 places.
bool has_number(const std::string& sheet, const std::string& decimal) {
  const std::regex number("<c r=\"[A-Z]+\\d+\" s=\"\\d+\"><v>([^<]*)</v>");
  for (std::sregex_iterator it(sheet.begin(), sheet.end(), number), end; it != end; ++it) {
    const auto value = Rational::parse((*it)[1].str());
    if (value && value->to_fixed(10) == Rational::parse(decimal)->to_fixed(10)) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("reports xlsx: a summary sheet, then one sheet per table named after it") {
  TempFile file("reports.xlsx");
  write_xlsx(file.path, seed_run().results, {Lang::zh});
  const auto names = sheet_names(file.path);
  REQUIRE(names.size() == 18);
  CHECK(names[0] == "汇总");
  CHECK(names[15] == "州人社局尾款项目");
  CHECK(names[2] == "昌吉回族自治州人力资源和社会保障局");
  const std::string strings = unzip_member(file.path, "xl/sharedStrings.xml");
  CHECK(strings.find("<t>州人社局劳动保障大厦维修项目资金尾款</t>") == std::string::npos);
  CHECK(strings.find("<t>※ 州人社局劳动保障大厦维修项目资金尾款</t>") != std::string::npos);
  CHECK(strings.find("<t>项目支出绩效自评表</t>") != std::string::npos);
  CHECK(strings.find("<t>得分：填报 3.9，按规则应为 3.96</t>") != std::string::npos);
}

TEST_CASE("reports xlsx: figures are numbers with number formats, categories merged") {
  TempFile file("figures.xlsx");
  write_xlsx(file.path, seed_run().results, {Lang::zh});
  // sheet16 is 州人社局尾款项目 (the summary is sheet1).
  const std::string sheet = unzip_member(file.path, "xl/worksheets/sheet16.xml");
  REQUIRE(!sheet.empty());
  CHECK(has_number(sheet, "3.96"));    // 指标得分
  CHECK(has_number(sheet, "0.9895"));  // 完成率 98.95%
  CHECK(has_number(sheet, "99.96"));   // 总分
  CHECK(has_number(sheet, "74.01"));   // 全年执行数
  // 成本指标 and 经济成本指标 each cover their three rows; the title spans A:M.
  CHECK(std::regex_search(sheet, std::regex("<mergeCell ref=\"A(\\d+):A(\\d+)\"/>")));
  CHECK(sheet.find("<mergeCell ref=\"A1:M1\"/>") != std::string::npos);
  CHECK(sheet.find("orientation=\"landscape\"") != std::string::npos);
  CHECK(sheet.find("paperSize=\"9\"") != std::string::npos);  // A4
  const std::string styles = unzip_member(file.path, "xl/styles.xml");
  CHECK(styles.find("formatCode=\"0.00%\"") != std::string::npos);
  CHECK(styles.find("formatCode=\"0.00\"") != std::string::npos);
  CHECK(styles.find("formatCode=\"#,##0.00\"") != std::string::npos);
}

TEST_CASE("reports xlsx: sheet names are legal, short and unique") {
  RunResults results;
  for (const char* name :
       {"a/b[c]:d*e?f\\g", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四", "汇总",
        "'quoted'"}) {
    ProjectResult p = seed_project("examples/weikuan.json");
    p.project = name;
    results.projects.push_back(p);
  }
  TempFile file("names.xlsx");
  write_xlsx(file.path, results, {Lang::zh});
  const auto names = sheet_names(file.path);
  REQUIRE(names.size() == 6);
  CHECK(names[0] == "汇总");
  CHECK(names[1] == "abcdefg");
  CHECK(names[2] == "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");  // 31
  CHECK(names[3] == "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)");
  CHECK(names[4] == "汇总(2)");
  CHECK(names[5] == "quoted");
}

TEST_CASE("reports xlsx: a file that cannot be written is a plain error") {
  const std::filesystem::path file = "/nonexistent-perfeval-folder/report.xlsx";
  CHECK_THROWS_WITH(write_xlsx(file, seed_run().results, {Lang::zh}),
                    Catch::Contains("/nonexistent-perfeval-folder/report.xlsx"));
  CHECK(!std::filesystem::exists(file));
}

TEST_CASE("reports xlsx: the printed form's blocks, and printed figures as numbers") {
  TempFile file("blocks.xlsx");
  write_xlsx(file.path, seed_run().results, {Lang::zh});
  const std::string sheet = unzip_member(file.path, "xl/worksheets/sheet16.xml");
  const std::string strings = unzip_member(file.path, "xl/sharedStrings.xml");
  // 年度总体目标 and the 其中 funds rows, as the HTML report has them.
  CHECK(strings.find("<t>年度总体目标</t>") != std::string::npos);
  CHECK(strings.find("截止2024年12月31日，该项目实际完成了三个项目的尾款支付") !=
        std::string::npos);
  CHECK(strings.find("<t>其中：当年财政拨款</t>") != std::string::npos);
  CHECK(strings.find("<t>其他资金</t>") != std::string::npos);
  // The figures printed by hand are numbers now, with the decimals printed:
  // 填报得分 3.9 and 99.90, 执行率 "99.84%" as 0.9984 shown as a percentage.
  CHECK(has_number(sheet, "3.9"));
  CHECK(has_number(sheet, "99.9"));
  CHECK(has_number(sheet, "0.9984"));
  CHECK(strings.find("<t>3.9</t>") == std::string::npos);
  CHECK(strings.find("<t>99.84%</t>") == std::string::npos);
  const std::string styles = unzip_member(file.path, "xl/styles.xml");
  CHECK(styles.find("formatCode=\"0.0\"") != std::string::npos);
  // Lines to sign under the table.
  CHECK(strings.find("<t>填报人：</t>") != std::string::npos);
  CHECK(strings.find("<t>审核人：</t>") != std::string::npos);
  CHECK(strings.find("<t>日期：</t>") != std::string::npos);
}

TEST_CASE("reports xlsx: ready to print: font, wrapped rows, header, panes, page numbers") {
  TempFile file("print.xlsx");
  write_xlsx(file.path, seed_run().results, {Lang::zh});
  const std::string sheet = unzip_member(file.path, "xl/worksheets/sheet16.xml");
  const std::string styles = unzip_member(file.path, "xl/styles.xml");
  const std::string workbook = unzip_member(file.path, "xl/workbook.xml");
  CHECK(styles.find("<name val=\"宋体\"/>") != std::string::npos);
  CHECK(styles.find("wrapText=\"1\"") != std::string::npos);
  // The indicator header (row 14 on this sheet) repeats on every page and
  // stays in view; the page is one page wide and numbered in the footer.
  CHECK(workbook.find("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"15\">"
                      "'州人社局尾款项目'!$14:$14</definedName>") != std::string::npos);
  CHECK(sheet.find("<pane ySplit=\"14\" topLeftCell=\"A15\" activePane=\"bottomLeft\" "
                   "state=\"frozen\"/>") != std::string::npos);
  CHECK(sheet.find("fitToHeight=\"0\"") != std::string::npos);
  CHECK(sheet.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
  CHECK(sheet.find("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>") != std::string::npos);
  // Rows with wrapped text are as tall as their lines: the 年度总体目标 text
  // takes several.
  std::size_t tallest = 0;
  const std::regex height("<row r=\"\\d+\"[^>]* ht=\"(\\d+)\" customHeight=\"1\"");
  for (std::sregex_iterator it(sheet.begin(), sheet.end(), height), end; it != end; ++it) {
    tallest = std::max<std::size_t>(tallest, std::stoul((*it)[1].str()));
  }
  CHECK(tallest >= 60);
  // Column widths add up to a page that prints at a readable size.
  double width = 0;
  const std::regex column("<col min=\"\\d+\" max=\"\\d+\" width=\"([0-9.]+)\"");
  for (std::sregex_iterator it(sheet.begin(), sheet.end(), column), end; it != end; ++it) {
    width += std::stod((*it)[1].str());
  }
  CHECK(width > 100);
  CHECK(width < 180);
}
