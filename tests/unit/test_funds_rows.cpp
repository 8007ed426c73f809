// Funds formulas that read one row of the funds block (`executed[本级资金]`):
// row names found the same way whichever loader read them, the checker's
// refusals, the score, the working with the row's name, and the errors of a
// table without the row.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "perfeval/lang/ast_dump.hpp"
#include "perfeval/lang/formatter.hpp"
#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/report_formats.hpp"
#include "perfeval/runtime/run.hpp"
#include "perfeval/values/row_label.hpp"
#include "support.hpp"

using namespace perfeval;

namespace {

const std::string kRules = R"(
policy P {
  total 100
  round score 2
  round rate 2
  funds {
    weight 10
    rate  = executed / budget
    score = 5 * min(executed[上级资金] / budget[上级资金], 100%)
            + 5 * min(全年执行数【本级资金】 / 全年预算数【本级资金】, 100%)
  }
  method M {
    rate  = actual / target
    score = weight * min(rate, 100%)
  }
}

project 示例 policy P {
  产出指标 / 数量指标 {
    indicator 人数  weight 90  target >= 100人  method M
  }
}
)";

ProjectData with_rows(std::vector<FundsSource> rows) {
  ProjectData data = test::project_data("示例", {{"人数", "=100人"}});
  data.funds.planned = Rational(100);
  data.funds.budget = Rational(100);
  data.funds.executed = Rational(90);
  data.funds.sources = std::move(rows);
  return data;
}

std::string errors_of(const DiagnosticSink& sink, const SourceManager& sources, Lang lang) {
  std::string out;
  for (const auto& d : sink.all()) {
    out += render(d, sources, lang) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("funds rows: a row's label is found without spaces or a leading 其中：") {
  CHECK(row_label_key("本级资金") == "本级资金");
  CHECK(row_label_key("其中：本级资金") == "本级资金");
  CHECK(row_label_key("其中:本级资金") == "本级资金");
  CHECK(row_label_key("  其中： 本 级 资 金\t") == "本级资金");
  CHECK(row_label_key("本级资金（县级）") == "本级资金(县级)");
  CHECK(row_label_key("　　本级资金") == "本级资金");  // ideographic spaces, as a worksheet indents
  CHECK(row_label_key("其中") == "其中");              // nothing after it: a row of that name
  CHECK(row_label_key("上级资金") != row_label_key("本级资金"));
  CHECK(is_total_row_key(row_label_key("合　　计")));
  CHECK(!is_total_row_key(row_label_key("本级资金")));
}

TEST_CASE("funds rows: the JSON loaders and a worksheet's label find the same row") {
  const std::string text = R"({"project": "示例", "funds": {"planned": "100", "budget": "100",
    "executed": "90", "sources": [{"name": " 其中：本级资金 ", "executed": "25"}]},
    "indicators": [{"name": "人数", "actual": "=100人"}]})";
  SourceManager sources;
  DiagnosticSink sink;
  const auto data = load_project_data(sources.add("t.json", text), sources, sink);
  REQUIRE(data);
  const FundsSource* row = find_funds_row(data->funds.sources, row_label_key("本级资金"));
  REQUIRE(row);
  CHECK(row->executed == "25");
  // A worksheet's cell, trimmed, with the full-width colon.
  const std::vector<FundsSource> sheet{{"其中：本级资金", "30", "30", "25"}};
  CHECK(find_funds_row(sheet, row_label_key(" 本级资金")) == &sheet[0]);
  CHECK(find_funds_row(sheet, row_label_key("上级资金")) == nullptr);
}

TEST_CASE("funds rows: a policy scores 上级资金 and 本级资金 separately, exactly") {
  auto c = test::compile(kRules);
  INFO(c->messages());
  REQUIRE(c->messages().empty());
  const ProjectData data = with_rows({{"上级资金", "60", "60", "60"},
                                      {"其中：本级资金", "30", "30", "25"},
                                      {"其他资金", "10", "10", "5"}});
  DiagnosticSink sink;
  ScoreOptions options;
  options.explain = true;
  const auto result = score_project(c->program, data, sink, options);
  INFO(errors_of(sink, c->sources, Lang::en));
  REQUIRE(result);
  // 5 × 100% + 5 × 25/30 = 9.1666…, rounded once: 9.17; the rate is the block's.
  CHECK(result->funds.score == Rational::fraction(917, 100));
  CHECK(result->funds.rate == Rational::fraction(9, 10));
  REQUIRE(result->funds.steps.size() >= 2);
  const Working& score = result->funds.steps[1].working;
  CHECK(score.filled.find("60（上级资金）") != std::string::npos);
  CHECK(score.filled.find("25（本级资金）") != std::string::npos);
}

TEST_CASE("funds rows: a table without the row is not scored, and says which rows it has") {
  auto c = test::compile(kRules);
  REQUIRE(c->messages().empty());
  DiagnosticSink sink;
  const auto result = score_project(
      c->program, with_rows({{"上级资金", "60", "60", "60"}, {"其他资金", "40", "40", "30"}}),
      sink);
  CHECK((!result || !result->funds.scored));
  const std::string en = errors_of(sink, c->sources, Lang::en);
  CHECK(en.find("no funds row '本级资金' (its rows: 上级资金、其他资金)") != std::string::npos);
  const std::string zh = errors_of(sink, c->sources, Lang::zh);
  CHECK(zh.find("表中没有资金来源行“本级资金”") != std::string::npos);
}

TEST_CASE("funds rows: a blank or worded amount in the row is an error, never 0") {
  auto c = test::compile(kRules);
  REQUIRE(c->messages().empty());
  {
    DiagnosticSink sink;
    score_project(c->program,
                  with_rows({{"上级资金", "60", "60", "/"}, {"本级资金", "40", "40", "30"}}), sink);
    CHECK(errors_of(sink, c->sources, Lang::en).find("'上级资金' has no executed (全年执行数)") !=
          std::string::npos);
  }
  {
    DiagnosticSink sink;
    score_project(c->program,
                  with_rows({{"上级资金", "60", "60", "六十"}, {"本级资金", "40", "40", "30"}}),
                  sink);
    CHECK(errors_of(sink, c->sources, Lang::zh).find("全年执行数“六十”不是金额") !=
          std::string::npos);
  }
  {
    DiagnosticSink sink;
    score_project(c->program, with_rows({}), sink);
    CHECK(errors_of(sink, c->sources, Lang::en).find("lists no funds rows") != std::string::npos);
  }
}

TEST_CASE("funds rows: the checker refuses a row of anything but an amount, and of the total") {
  const auto check = [](const std::string& score) {
    return test::compile(
               "policy P { total 100 funds { weight 10 rate = executed / budget score = " + score +
               " } }\n")
        ->messages();
  };
  CHECK(check("weight * min(rate, 100%)").empty());
  CHECK(check("weight[本级资金]").find("'weight' has no funds rows") != std::string::npos);
  CHECK(check("executed[合计] / budget").find("'合计' is the total row") != std::string::npos);
  CHECK(check("executed[\"其中：本级资金\"] / budget[本级资金]").empty());
  // 市级资金 is one character from 本级资金 and a row of its own: no warning.
  CHECK(check("executed[市级资金] / budget[市级资金]").empty());
  CHECK(check("executed[本级资金").find("expected ']'") != std::string::npos);
  // A row index belongs to the funds formulas only.
  const std::string method =
      test::compile("method M { rate = executed[本级资金] score = 0 }\n")->messages();
  CHECK(method.find("'executed' has no value in a rate formula") != std::string::npos);
}

TEST_CASE("funds rows: fmt keeps the row and the brackets written") {
  const std::string text =
      "policy P {\n  funds {\n    weight 10\n    rate = executed【本级资金】 / "
      "budget[\"其中：本级资金\"]\n"
      "    score = weight * rate\n  }\n}\n";
  SourceManager sources;
  DiagnosticSink sink;
  const auto formatted = format_rules(sources.add("t.perf", text), sources, sink);
  REQUIRE(formatted);
  CHECK(formatted->find("executed【本级资金】 / budget[\"其中：本级资金\"]") != std::string::npos);
}

TEST_CASE("funds rows: the table as a worksheet finds its rows and scores as its JSON") {
  namespace fs = std::filesystem;
  const fs::path source = PERFEVAL_SOURCE_DIR;
  const fs::path dir =
      fs::temp_directory_path() / ("perfeval-funds-rows-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "rules");
  fs::copy(source / "rules", dir / "rules", fs::copy_options::recursive);
  fs::copy_file(source / "tests/rules/funds-rows.perf", dir / "rules/funds-rows.perf");
  const auto score = [&](const fs::path& data, SourceManager& sources) {
    RunOptions options;
    options.rules = dir / "rules";
    options.data = {data};
    return run(options, sources);
  };
  SourceManager json_sources;
  const RunResults from_json =
      score(source / "tests/rules/data/funds-rows-three.json", json_sources);
  REQUIRE(from_json.projects.size() == 1);
  REQUIRE(from_json.projects[0].total);
  CHECK(*from_json.projects[0].total == Rational::fraction(9833, 100));
  const fs::path workbook = dir / "funds-rows.xlsx";
  write_xlsx(workbook, from_json, FormatOptions{Lang::zh});
  SourceManager xlsx_sources;
  const RunResults from_xlsx = score(workbook, xlsx_sources);
  for (const auto& d : from_xlsx.diagnostics) {
    INFO(render(d, xlsx_sources, Lang::en));
    CHECK(d.severity != Severity::error);
  }
  REQUIRE(from_xlsx.projects.size() == 1);
  CHECK(from_xlsx.projects[0].file.find(".xlsx!") != std::string::npos);
  REQUIRE(from_xlsx.projects[0].funds_sources.size() == 3);
  CHECK(from_xlsx.projects[0].funds.score == from_json.projects[0].funds.score);
  CHECK(from_xlsx.projects[0].total == from_json.projects[0].total);
  fs::remove_all(dir);
}
