// The fillable template (perfeval template): read back by perfeval's own
// Excel reader, its drop-down lists and its locked and open cells as the
// sheet XML holds them. tests/template_round_trip.py fills one in through
// LibreOffice and scores it.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "perfeval/runtime/internal/workbook.hpp"
#include "perfeval/runtime/rule_set.hpp"
#include "perfeval/runtime/template_xlsx.hpp"
#include "perfeval/runtime/workbook_data.hpp"
#include "test_reports_support.hpp"

using namespace perfeval;
using namespace perfeval::test;

namespace {

struct Rules {
  SourceManager sources;
  RuleSet set;
  std::vector<const CompiledProject*> projects;
};

std::unique_ptr<Rules> load(const std::filesystem::path& folder) {
  auto rules = std::make_unique<Rules>();
  DiagnosticSink sink;
  rules->set = load_rules(folder, rules->sources, sink);
  REQUIRE_FALSE(sink.has_errors());
  for (const auto& name : rules->set.program.project_names()) {
    rules->projects.push_back(rules->set.program.find_project(name));
  }
  return rules;
}

std::string file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The first cell of `sheet` holding `text`, as (row from 1, column from 0).
std::optional<std::pair<std::uint32_t, std::uint32_t>> find(const xlsx::Sheet& sheet,
                                                            const std::string& text) {
  std::optional<std::pair<std::uint32_t, std::uint32_t>> found;
  sheet.for_each_cell(1, sheet.last_row(),
                      [&](std::uint32_t row, std::uint32_t col, const std::string& cell) {
                        if (!found && cell == text) {
                          found = std::pair(row, col);
                        }
                      });
  return found;
}

// Whether each cell format (cellXfs, in order) leaves its cells unlocked.
std::vector<bool> unlocked_formats(const std::string& styles) {
  const auto begin = styles.find("<cellXfs");
  const auto end = styles.find("</cellXfs>");
  REQUIRE(begin != std::string::npos);
  const std::string xfs = styles.substr(begin, end - begin);
  std::vector<bool> unlocked;
  const std::regex xf("<xf [^>]*?(/>|>.*?</xf>)");
  for (std::sregex_iterator it(xfs.begin(), xfs.end(), xf), stop; it != stop; ++it) {
    unlocked.push_back(it->str().find("locked=\"0\"") != std::string::npos);
  }
  return unlocked;
}

// The format index of a cell in a sheet's XML; 0 (locked) when it has none.
std::size_t format_of(const std::string& sheet, const std::string& cell) {
  std::smatch m;
  const std::regex with_format("<c r=\"" + cell + "\" s=\"(\\d+)\"");
  return std::regex_search(sheet, m, with_format) ? std::stoul(m[1]) : 0;
}

}  // namespace

TEST_CASE("template: each project type's sheet reads back with its indicators, no actuals") {
  const auto rules = load(std::filesystem::path(PERFEVAL_SOURCE_DIR) / "rules");
  REQUIRE(rules->projects.size() >= 10);
  TempFile file("template.xlsx");
  write_template_xlsx(file.path, rules->projects, {Lang::zh});
  const std::string bytes = file_bytes(file.path);

  // The reader finds a table on every sheet, and every actual and amount blank.
  const auto tables = load_workbook_tables(bytes, "模板.xlsx");
  REQUIRE(tables.size() == rules->projects.size());
  for (std::size_t n = 0; n < tables.size(); ++n) {
    const CompiledProject& project = *rules->projects[n];
    INFO(tables[n].label);
    CHECK_FALSE(tables[n].data.has_value());
    std::map<std::string, std::size_t> codes;
    for (const Diagnostic& d : tables[n].diagnostics) {
      ++codes[d.code];
      CHECK(d.severity == Severity::error);
      if (d.code == "xlsx-missing-actual") {
        CHECK(d.args.at(0) == project.decl->name.text);
      }
    }
    CHECK(codes["xlsx-missing-actual"] == project.indicators.size());
    CHECK(codes["data-bad-amount"] == 3);  // 年初预算数, 全年预算数, 全年执行数
    CHECK(codes.size() == 2);
  }

  // Each indicator row holds what the rules declare, its actual open.
  const auto workbook = xlsx::read_workbook(bytes);
  REQUIRE(workbook.workbook);
  REQUIRE(workbook.workbook->sheets.size() == rules->projects.size());
  for (std::size_t n = 0; n < rules->projects.size(); ++n) {
    const xlsx::Sheet& sheet = workbook.workbook->sheets[n];
    const CompiledProject& project = *rules->projects[n];
    INFO(sheet.name);
    const auto name_label = find(sheet, "项目名称");
    REQUIRE(name_label);
    CHECK(sheet.text(name_label->first, 2) == project.decl->name.text);
    const auto header = find(sheet, "三级指标");
    REQUIRE(header);
    std::map<std::string, std::uint32_t> col;
    for (const char* heading : {"一级指标", "二级指标", "权重", "年度指标值", "赋分规则",
                                "实际完成值", "偏差原因分析及改进措施"}) {
      const auto at = find(sheet, heading);
      REQUIRE(at);
      CHECK(at->first == header->first);
      col[heading] = at->second;
    }
    for (std::size_t i = 0; i < project.indicators.size(); ++i) {
      const ast::Indicator& decl = *project.indicators[i].decl;
      const auto row = header->first + 1 + static_cast<std::uint32_t>(i);
      CHECK(sheet.text(row, header->second) == decl.name.text);
      CHECK(sheet.text(row, col["一级指标"]) == decl.category1.text);
      CHECK(sheet.text(row, col["二级指标"]) == decl.category2.text);
      CHECK(sheet.text(row, col["权重"]) == decl.weight.to_string());
      CHECK(sheet.text(row, col["年度指标值"]) == decl.target.text);
      CHECK(sheet.text(row, col["赋分规则"]) == decl.method.text);
      CHECK(sheet.text(row, col["实际完成值"]).empty());
      CHECK(sheet.text(row, col["偏差原因分析及改进措施"]).empty());
    }
    const auto total_row =
        header->first + 1 + static_cast<std::uint32_t>(project.indicators.size());
    CHECK(sheet.text(total_row, 0) == "总分");
    CHECK(sheet.text(total_row, col["权重"]) == project.full_marks.to_string());
  }
}

TEST_CASE("template: grade words are a drop-down list on the actuals of qualitative targets") {
  const auto rules = load(std::filesystem::path(PERFEVAL_SOURCE_DIR) / "rules");
  TempFile file("template-grades.xlsx");
  write_template_xlsx(file.path, rules->projects, {Lang::en});
  std::size_t lists = 0;
  for (std::size_t n = 0; n < rules->projects.size(); ++n) {
    const CompiledProject& project = *rules->projects[n];
    const std::string sheet =
        unzip_member(file.path, "xl/worksheets/sheet" + std::to_string(n + 1) + ".xml");
    INFO(project.decl->name.text);
    // The words each graded indicator takes, in the order of its rows.
    std::vector<std::string> expected;
    for (const auto& i : project.indicators) {
      if (std::holds_alternative<Word>(i.decl->target.value) || !i.method->grades.empty()) {
        std::string words;
        for (const Grade& g : *i.grades) {
          words += (words.empty() ? "" : ",") + g.word;
        }
        expected.push_back(words);
      }
    }
    const std::regex validation(
        "<dataValidation type=\"list\"[^>]*sqref=\"G\\d+\"[^>]*>"
        "<formula1>(?:&quot;|\")([^<]*)(?:&quot;|\")</formula1>");
    std::vector<std::string> found;
    for (std::sregex_iterator it(sheet.begin(), sheet.end(), validation), stop; it != stop; ++it) {
      found.push_back((*it)[1]);
    }
    CHECK(found == expected);
    lists += found.size();
  }
  CHECK(lists > 0);  // the shipped rules have qualitative indicators
}

TEST_CASE("template: what the rules fix is locked, what the officer fills is open") {
  const auto rules = load(std::filesystem::path(PERFEVAL_SOURCE_DIR) / "rules");
  TempFile file("template-locks.xlsx");
  write_template_xlsx(file.path, {rules->projects.front()}, {Lang::zh});
  const auto unlocked = unlocked_formats(unzip_member(file.path, "xl/styles.xml"));
  const std::string sheet = unzip_member(file.path, "xl/worksheets/sheet1.xml");
  CHECK(sheet.find("<sheetProtection") != std::string::npos);
  CHECK(sheet.find("password") == std::string::npos);
  const auto workbook = xlsx::read_workbook(file_bytes(file.path));
  const xlsx::Sheet& read = workbook.workbook->sheets.front();
  const auto cell = [&](const std::string& heading, std::uint32_t below) {
    const auto at = find(read, heading);
    REQUIRE(at);
    return xlsx::cell_name(at->first + below, at->second);
  };
  const auto is_open = [&](const std::string& name) {
    INFO(name);
    const std::size_t format = format_of(sheet, name);
    REQUIRE(format < unlocked.size());
    return unlocked[format];
  };
  // Open: the amounts, the actuals, the explanations, the goals, the heading's blanks.
  for (const char* heading : {"年初预算数", "全年预算数", "全年执行数", "实际完成值",
                              "偏差原因分析及改进措施", "预期目标", "实际完成情况"}) {
    CHECK(is_open(cell(heading, 1)));
  }
  const auto department = find(read, "主管部门");
  REQUIRE(department);
  CHECK(is_open(xlsx::cell_name(department->first, 2)));
  // Locked: the indicator's name, weight, target and method, the funds' 分值, the project's name.
  for (const char* heading : {"三级指标", "权重", "年度指标值", "赋分规则", "分值"}) {
    CHECK_FALSE(is_open(cell(heading, 1)));
  }
  const auto name = find(read, "项目名称");
  REQUIRE(name);
  CHECK_FALSE(is_open(xlsx::cell_name(name->first, 2)));
}

TEST_CASE("template: a grade list too long for Excel's own list goes on a hidden sheet") {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("perfeval-template-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  std::string grades;
  for (int n = 0; n < 12; ++n) {
    grades += "  grade 第" + std::to_string(n) +
              "档达到预期效果并有显著的社会效益 = " + std::to_string(100 - n * 5) + "%\n";
  }
  std::ofstream(folder / "long.perf")
      << "policy 长等级 {\n  total 100\n  funds {\n    weight 10\n    rate = executed / budget\n"
         "    score = weight * min(rate, 100%)\n  }\n"
      << grades
      << "}\n\nmethod 等级赋分 {\n  rate = if graded then grade else 0%\n"
         "  score = weight * rate\n}\n\n"
         "project 长等级项目 policy 长等级 {\n  效益指标 / 社会效益指标 {\n"
         "    indicator 社会效益 weight 90 target 显著 method 等级赋分\n  }\n}\n";
  const auto rules = load(folder);
  std::filesystem::remove_all(folder);
  REQUIRE(rules->projects.size() == 1);
  TempFile file("template-long.xlsx");
  write_template_xlsx(file.path, rules->projects, {Lang::zh});
  const std::string workbook = unzip_member(file.path, "xl/workbook.xml");
  CHECK(workbook.find("<sheet name=\"评判等级\" sheetId=\"2\" state=\"hidden\"") !=
        std::string::npos);
  const std::string sheet = unzip_member(file.path, "xl/worksheets/sheet1.xml");
  CHECK(sheet.find("<formula1>'评判等级'!$A$1:$A$12</formula1>") != std::string::npos);
  const std::string lists = unzip_member(file.path, "xl/sharedStrings.xml");
  CHECK(lists.find("第11档达到预期效果并有显著的社会效益") != std::string::npos);
  // Read back, the hidden sheet is passed over without a word.
  const auto tables = load_workbook_tables(file_bytes(file.path), "长.xlsx");
  REQUIRE(tables.size() == 1);
  CHECK(tables.front().label == "长.xlsx!长等级项目");
  for (const Diagnostic& d : tables.front().diagnostics) {
    CHECK(d.severity == Severity::error);
  }
}

TEST_CASE("template: the funds rows a policy reads are 其中 rows to fill under the total") {
  const std::filesystem::path source = PERFEVAL_SOURCE_DIR;
  auto rules = std::make_unique<Rules>();
  DiagnosticSink sink;
  rules->set = load_rules(std::vector{source / "rules", source / "tests/rules/funds-rows.perf"},
                          rules->sources, sink);
  REQUIRE_FALSE(sink.has_errors());
  const CompiledProject* one_row = rules->set.program.find_project("本级资金示例");
  const CompiledProject* two_rows = rules->set.program.find_project("分级资金示例");
  // A shipped project type, whose policy reads no row.
  const CompiledProject* no_rows = rules->set.program.find_project("就业工作经费");
  REQUIRE(one_row);
  REQUIRE(two_rows);
  REQUIRE(no_rows);
  TempFile file("template-funds-rows.xlsx");
  write_template_xlsx(file.path, {one_row, two_rows, no_rows}, {Lang::zh});
  const auto unlocked = unlocked_formats(unzip_member(file.path, "xl/styles.xml"));
  const auto workbook = xlsx::read_workbook(file_bytes(file.path));
  REQUIRE(workbook.workbook);
  // The labels under 年度资金总额, to the blank row that ends the block, and
  // whether each row's three amounts are open.
  const auto rows_under_total = [&](std::size_t n) {
    const xlsx::Sheet& sheet = workbook.workbook->sheets[n];
    const std::string xml =
        unzip_member(file.path, "xl/worksheets/sheet" + std::to_string(n + 1) + ".xml");
    const auto total = find(sheet, "年度资金总额");
    const auto planned = find(sheet, "年初预算数");
    REQUIRE(total);
    REQUIRE(planned);
    std::vector<std::pair<std::string, bool>> rows;
    for (std::uint32_t row = total->first + 1; !sheet.text(row, total->second).empty(); ++row) {
      bool open = true;
      for (std::uint32_t col = planned->second; col < planned->second + 3; ++col) {
        const std::size_t format = format_of(xml, xlsx::cell_name(row, col));
        REQUIRE(format < unlocked.size());
        open = open && unlocked[format];
      }
      rows.emplace_back(sheet.text(row, total->second), open);
    }
    return rows;
  };
  using Rows = std::vector<std::pair<std::string, bool>>;
  CHECK(rows_under_total(0) == Rows{{"其中：本级资金", true}});
  // Read twice, as `executed[上级资金]` and `budget【本级资金】`, each row once;
  // 其他资金 completes the breakdown.
  CHECK(rows_under_total(1) ==
        Rows{{"其中：上级资金", true}, {"其中：本级资金", true}, {"其他资金", true}});
  CHECK(rows_under_total(2).empty());  // a policy that reads no row: the total alone

  // Read back, the rows are the table's funds rows, blank until filled.
  const auto tables = load_workbook_tables(file_bytes(file.path), "模板.xlsx");
  REQUIRE(tables.size() == 3);
  for (const auto& table : tables) {
    for (const Diagnostic& d : table.diagnostics) {
      INFO(table.label << ": " << d.code);
      CHECK((d.code == "xlsx-missing-actual" || d.code == "data-bad-amount"));
    }
  }
}
