// What real tables contain, each with its rule (docs/language.md, Policies;
// docs/data-format.md, "Cells as tables fill them"): explanation
// placeholders, funds rows under the total, rows that print no score, a
// printed rate without its %, an actual without its unit, rounding up or down.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/run.hpp"
#include "support.hpp"

using namespace perfeval;

namespace {

std::string shipped(const std::string& path) {
  std::ifstream in(std::string(PERFEVAL_SOURCE_DIR) + "/" + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A small table of three indicators under a shipped policy, every printed
// figure right: 甲 40, 乙 30, 丙 20 and the funds 10.
struct Table {
  std::unique_ptr<test::Compiled> compiled;
  ProjectData data;
  DiagnosticSink sink;

  explicit Table(const std::string& policy_file = "rules/新疆2024.perf",
                 const std::string& policy = "新疆2024", const std::string& extra = "") {
    compiled = test::compile(shipped(policy_file) + extra + "\nproject S policy " + policy +
                             " {\n  产出指标 / 数量指标 {\n"
                             "    indicator 甲 weight 40 target >= 100人 method 按照完成比例赋分\n"
                             "    indicator 乙 weight 30 target <= 10万元 method 按照完成比例赋分\n"
                             "    indicator 丙 weight 20 target 长期 method 按评判等级赋分\n"
                             "  }\n}\n");
    INFO(compiled->messages());
    REQUIRE(compiled->messages().empty());
    data = test::project_data("S", {{"甲", "=100人"}, {"乙", "=10万元"}, {"丙", "达到预期指标"}});
    data.funds.reported = {"100.00%", "10.00"};
    data.indicators[0].reported = {"100%", "40"};
    data.indicators[1].reported = {"100%", "30"};
    data.indicators[2].reported = {"100%", "20"};
    data.reported_total = "100.00";
  }

  ProjectResult score() {
    auto result = score_project(compiled->program, data, sink, {true, Lang::zh});
    REQUIRE(result);
    return *result;
  }

  std::string audit_text(Lang lang = Lang::zh) {
    RunResults results;
    results.projects.push_back(score());
    results.diagnostics = sink.all();
    std::ostringstream out;
    TextOptions options;
    options.lang = lang;
    write_audit_text(out, results, compiled->sources, options);
    return out.str();
  }

  nlohmann::json audit_json() {
    RunResults results;
    results.projects.push_back(score());
    results.diagnostics = sink.all();
    return perfeval::audit_json(results, compiled->sources, Lang::en);
  }

  // 甲 misses its target: 95人, 38 points, an explanation required.
  void deviate(const std::string& explanation) {
    data.indicators[0].actual = std::get<ParsedValue>(parse_value("=95人"));
    data.indicators[0].actual_text = "=95人";
    data.indicators[0].reported = {"95%", "38"};
    data.indicators[0].explanation = explanation;
    data.reported_total = "98.00";
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("tables: an explanation the policy names a placeholder is no explanation") {
  for (const std::string placeholder : {"0", "无", "/", " 无 ", "\u3000无\n", "—"}) {
    INFO(placeholder);
    Table t;
    t.deviate(placeholder);
    const auto result = t.score();
    CHECK_FALSE(result.indicators[0].explanation_present);
    CHECK(count_findings(result).missing_explanations == 1);
    CHECK(has(t.audit_text(), "缺说明"));
  }
  SECTION("the audit says which placeholder was written") {
    Table t;
    t.deviate("无");
    CHECK(has(t.audit_text(), "所填“无”按政策视为未填写"));
    CHECK(t.audit_json()["projects"][0]["missing_explanations"][0]["placeholder"] == "无");
  }
  SECTION("words that merely contain one are an explanation") {
    Table t;
    t.deviate("无法按期完成，因疫情影响");
    CHECK(count_findings(t.score()).missing_explanations == 0);
  }
  SECTION("a placeholder where none is needed is not an unneeded explanation") {
    Table t;
    t.data.indicators[2].explanation = "无";
    CHECK(count_findings(t.score()).unneeded_explanations == 0);
  }
  SECTION("a policy without the statement takes the words as written") {
    Table t("rules/新疆2024.perf", "无占位",
            "\npolicy 无占位 {\n  total 100\n  explain when rate != 100%\n"
            "  funds {\n    weight 10\n    rate = executed / budget\n"
            "    score = weight * min(rate, 100%)\n  }\n  grade 达到预期指标 = 100%\n}\n");
    t.deviate("无");
    CHECK(count_findings(t.score()).missing_explanations == 0);
  }
  SECTION("the funds explanation too") {
    Table t("rules/library/全国模板.perf", "执行率90须说明");
    t.data.funds.executed = Rational(8);
    t.data.funds.explanation = "0";
    const auto result = t.score();
    CHECK(result.funds.explanation_required);
    CHECK(result.funds.explanation_missing());
  }
}

TEST_CASE("tables: funds rows must add up to the total row") {
  Table t;
  t.data.funds.planned = *Rational::parse("2317.88");
  t.data.funds.budget = *Rational::parse("4329.46");
  t.data.funds.executed = *Rational::parse("4155.92");
  t.data.funds.sources = {{"上级资金", "10.00", "10.00", "10.00"},
                          {"本级资金", "1,602.88", "3,520.15", "3,520.15"},
                          {"其他资金", "705.00", "799.31", "625.77"}};
  t.data.funds.reported = {"95.99%", "9.6"};
  t.data.reported_total = "99.60";
  SECTION("the seed's unit table adds up") {
    const auto c = count_findings(t.score());
    CHECK(c.funds_rows_not_adding_up == 0);
    CHECK(c.not_checked == 0);
  }
  SECTION("a row that was mistyped is found, column by column") {
    t.data.funds.sources[2].budget = "789.31";
    const auto result = t.score();
    REQUIRE(result.funds.rows_findings.size() == 1);
    const auto& f = result.funds.rows_findings[0];
    CHECK(f.column == "budget");
    CHECK(f.row.empty());
    CHECK(f.rows == *Rational::parse("4319.46"));
    CHECK(f.total == *Rational::parse("4329.46"));
    CHECK(count_findings(result).funds_rows_not_adding_up == 1);
    CHECK(count_findings(result).tables_not_adding_up == 1);  // the table, in the summary
    CHECK_FALSE(count_findings(result).clean());
    CHECK(has(t.audit_text(), "资金 全年预算数：各来源行合计 4319.46 ≠ 合计行 4329.46"));
    CHECK(t.audit_json()["projects"][0]["funds_rows"]["not_adding_up"][0]["column"] == "budget");
  }
  SECTION("one row, 其中：当年财政拨款, is a part: at most the total, never its sum") {
    t.data.funds.sources = {{"其中：当年财政拨款", "2000.00", "4000.00", "4000.00"}};
    CHECK(t.score().funds.rows_findings.empty());
    t.data.funds.sources[0].executed = "4200.00";
    const auto result = t.score();
    REQUIRE(result.funds.rows_findings.size() == 1);
    CHECK(result.funds.rows_findings[0].row == "其中：当年财政拨款");
    CHECK(result.funds.rows_findings[0].column == "executed");
  }
  SECTION("a blank or '/' cell leaves its column unchecked, and says so") {
    t.data.funds.sources[0].planned = "";
    t.data.funds.sources[1].executed = "/";
    const auto result = t.score();
    CHECK(t.sink.all().empty());
    CHECK(result.funds.rows_findings.empty());
    CHECK(result.funds.rows_not_checked == std::vector<std::string>{"planned", "executed"});
    CHECK(count_findings(result).not_checked == 2);
    CHECK(has(t.audit_text(), "未能核对  资金 年初预算数：有来源行未填金额"));
  }
  SECTION("a row left wholly blank is a source the project lacks: the others must add up") {
    t.data.funds.sources.push_back({"其他资金", "", "—", " "});
    const auto c = count_findings(t.score());
    CHECK(c.not_checked == 0);
    CHECK(c.funds_rows_not_adding_up == 0);
    t.data.funds.sources[2] = {"上年结转资金", "", "", ""};  // 其他资金's amounts missing
    const auto result = t.score();
    CHECK(result.funds.rows_not_checked.empty());
    CHECK(result.funds.rows_findings.size() == 3);  // 上级 + 本级 ≠ the total, in each column
  }
  SECTION("text that is not an amount is an error naming the row") {
    t.data.funds.sources[1].budget = "三千五百";
    t.score();
    REQUIRE(t.sink.all().size() == 1);
    CHECK(t.sink.all()[0].code == "data-bad-funds-row");
    CHECK(has(message_text(t.sink.all()[0], Lang::zh), "本级资金"));
  }
}

TEST_CASE("tables: a row without a printed score still leaves the sum's reach checked") {
  Table t;
  t.data.indicators[2].reported.score = "/";
  SECTION("within reach: not checked in full, and says which row") {
    const auto result = t.score();
    CHECK(t.sink.all().empty());  // "/" is no printed score, not an unreadable one
    CHECK(result.reported_partial_sum == Rational(80));
    CHECK(result.unprinted_weight == Rational(20));
    const auto c = count_findings(result);
    CHECK(c.tables_not_adding_up == 0);
    CHECK(c.not_checked == 1);
    const std::string text = t.audit_text();
    CHECK(has(text, "有 1 行未填报得分（丙）"));
    CHECK(has(text, "总分应在 80 至 100 之间"));
    CHECK(t.audit_json()["projects"][0]["rows_without_printed_score"][0] == "丙");
  }
  SECTION("out of reach: the total cannot be right whatever the missing row scores") {
    t.data.indicators[2].reported.score.reset();
    t.data.indicators[0].reported.score = "30";  // 30 + 30 + 10 + at most 20 < 100
    const auto result = t.score();
    CHECK(result.reported_sum_mismatch());
    CHECK(count_findings(result).tables_not_adding_up == 1);
    CHECK(has(t.audit_text(), "表内不平  填报得分合计 70"));
  }
  SECTION("a row the policy skips (不适用) prints no score and the sum is checked in full") {
    Table skipping("rules/library/全国模板.perf", "不适用折算");
    skipping.data.indicators[2].actual = std::get<ParsedValue>(parse_value("不适用"));
    skipping.data.indicators[2].reported.score = "/";
    skipping.data.reported_total = "80.00";
    const auto result = skipping.score();
    CHECK(result.reported_sum == Rational(80));
    CHECK_FALSE(result.reported_sum_mismatch());
    CHECK(count_findings(result).not_checked == 0);
    skipping.data.reported_total = "81.00";
    CHECK(skipping.score().reported_sum_mismatch());
  }
}

TEST_CASE("tables: differing figures are counted by kind") {
  Table t;
  t.data.indicators[0].reported = {"99%", "39"};
  t.data.funds.reported = {"90%", "9"};
  t.data.reported_total = "98.00";
  const auto c = count_findings(t.score());
  CHECK(c.indicator_rates == 1);
  CHECK(c.indicator_scores == 1);
  CHECK(c.funds_rates == 1);
  CHECK(c.funds_scores == 1);
  CHECK(c.totals == 1);
  CHECK(c.differences == 5);
  const auto json = t.audit_json()["summary"]["differences_by_kind"];
  CHECK(json["indicator_rate"] == 1);
  CHECK(json["funds_score"] == 1);
  CHECK(json["total"] == 1);
}

TEST_CASE("tables: a printed rate without its % is a percentage") {
  Table t;
  t.data.indicators[0].reported.rate = "100";
  t.data.funds.reported.rate = "100.00";
  CHECK(count_findings(t.score()).clean());
  t.data.indicators[0].reported.rate = "1";  // 1%, not 100%
  CHECK(count_findings(t.score()).indicator_rates == 1);
}

TEST_CASE("tables: an actual without a unit takes the target's, and explain says so") {
  Table t;
  t.data.indicators[0].actual = std::get<ParsedValue>(parse_value("100"));
  t.data.indicators[0].actual_text = "100";
  t.data.indicators[1].actual = std::get<ParsedValue>(parse_value("9.5"));  // 9.5万元
  t.data.indicators[1].actual_text = "9.5";
  const auto result = t.score();
  CHECK(t.sink.all().empty());
  CHECK(result.indicators[0].score_rounded == Rational(40));
  CHECK(result.indicators[1].rate == *Rational::parse("0.95"));  // 9.5万元 / 10万元
  REQUIRE_FALSE(result.indicators[0].steps.empty());
  CHECK(result.indicators[0].steps.front().quantity == "actual");
  CHECK(result.indicators[0].steps.front().working.result == "100人");
  CHECK(result.indicators[1].steps.front().working.result == "95000元");
}

TEST_CASE("tables: round score 0 up and down") {
  const std::string policies =
      "\npolicy 进一 extends 全国模板 {\n  round score 0 up\n}\n"
      "policy 去尾 extends 全国模板 {\n  舍入 得分 0 向下\n}\n";
  for (const auto& [policy, expected] :
       std::vector<std::pair<std::string, std::int64_t>>{{"进一", 39}, {"去尾", 38}}) {
    INFO(policy);
    Table t("rules/library/全国模板.perf", policy, policies);
    t.deviate("人手不足");  // 95% of 40 = 38.0 exactly: both give 38
    CHECK(t.score().indicators[0].score_rounded == Rational(38));
    t.data.indicators[0].actual = std::get<ParsedValue>(parse_value("=96.5人"));  // 38.6
    CHECK(t.score().indicators[0].score_rounded == Rational(expected));
  }
}
