// The audit: it must find exactly the seed's known discrepancies (listed in
// the README with the reason for each), and each kind of finding on small
// hand-made data.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/run.hpp"
#include "support.hpp"

using namespace perfeval;
namespace fs = std::filesystem;

namespace {

struct InSourceDir {
  fs::path previous = fs::current_path();
  InSourceDir() { fs::current_path(PERFEVAL_SOURCE_DIR); }
  ~InSourceDir() { fs::current_path(previous); }
};

RunResults audit_seed(SourceManager& sources) {
  RunOptions options;
  options.rules = "rules";
  options.data = {"examples"};
  options.scoring.explain = true;
  return run(options, sources);
}

// "project | indicator | field | reported | computed" for every difference.
std::set<std::string> differences(const RunResults& results) {
  std::set<std::string> out;
  for (const auto& p : results.projects) {
    const auto add = [&](const std::string& indicator, const Difference& d) {
      const std::string computed = d.field == "rate" ? percent(d.computed, p.rate_digits)
                                                     : d.computed.to_fixed(p.score_digits);
      out.insert(p.project + " | " + indicator + " | " + d.field + " | " + d.reported + " | " +
                 computed);
    };
    for (const auto& d : p.funds.differences) {
      add("预算执行率", d);
    }
    for (const auto& i : p.indicators) {
      for (const auto& d : i.differences) {
        add(i.name, d);
      }
    }
    if (p.total_difference) {
      add("总分", *p.total_difference);
    }
  }
  return out;
}

std::set<std::string> explanations(const RunResults& results, bool missing) {
  std::set<std::string> out;
  for (const auto& p : results.projects) {
    for (const auto& i : p.indicators) {
      const bool hit = missing ? (i.explanation_required && !i.explanation_present)
                               : (!i.explanation_required && i.explanation_present);
      if (hit) {
        out.insert(p.project + " | " + i.name);
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("audit: the seed's printed figures that no rule gives, and nothing else") {
  InSourceDir here;
  SourceManager sources;
  const RunResults results = audit_seed(sources);
  REQUIRE(results.diagnostics.empty());
  REQUIRE(results.projects.size() == 17);
  CHECK(differences(results) ==
        std::set<std::string>{
            "州人社局尾款项目 | 州人社局劳动保障大厦维修项目资金尾款 | score | 3.9 | 3.96",
            "州人社局尾款项目 | 总分 | total | 99.90 | 99.96",
            "机关运行补助经费 | 维护维修及劳务费用 | score | 7.92 | 7.97",
            "机关运行补助经费 | 总分 | total | 99.66 | 99.71",
            "就业工作经费 | 就业培训数据维护数量 | rate | 100.75% | 100.76%",
            "就业工作经费 | 就业数据核验数量 | rate | 100.54% | 100.50%",
        });
}

TEST_CASE("audit: the seed's deviations without explanation, and the explanation without one") {
  InSourceDir here;
  SourceManager sources;
  const RunResults results = audit_seed(sources);
  CHECK(explanations(results, true) ==
        std::set<std::string>{
            "劳动人事争议调解仲裁工作经费 | 当期结案率（%）",
            "劳动人事争议调解仲裁工作经费 | 案件调解率（%）",
            "劳动人事争议调解仲裁工作经费 | 个案案件挽回当事人经济损失程度（%）",
            "就业工作经费 | 就业培训数据维护数量",
            "就业工作经费 | 就业数据核验数量",
        });
  CHECK(explanations(results, false) ==
        std::set<std::string>{"就业工作经费 | 就失业登记数据维护成本"});
}

TEST_CASE("audit: every printed seed table adds up to its printed total") {
  InSourceDir here;
  SourceManager sources;
  const RunResults results = audit_seed(sources);
  for (const auto& p : results.projects) {
    INFO(p.project);
    CHECK_FALSE(p.reported_sum_mismatch());
    if (p.kind == "project") {
      CHECK(p.reported_sum);
    }
  }
}

TEST_CASE("audit: the unit table's execution rate is 合计 执行数 / 全年预算数") {
  InSourceDir here;
  SourceManager sources;
  const RunResults results = audit_seed(sources);
  const auto unit = std::find_if(results.projects.begin(), results.projects.end(),
                                 [](const ProjectResult& p) { return p.kind == "unit"; });
  REQUIRE(unit != results.projects.end());
  CHECK(percent(unit->funds.rate, 2) == "95.99%");
  CHECK(unit->funds.score == *Rational::parse("9.6"));
  CHECK(unit->funds.differences.empty());
  CHECK(*unit->total == *Rational::parse("99.6"));
}

namespace {

// A small project of three indicators under the shipped 新疆2024 policy.
struct Small {
  std::unique_ptr<test::Compiled> compiled;
  ProjectData data;

  Small() {
    std::ifstream in(std::string(PERFEVAL_SOURCE_DIR) + "/rules/新疆2024.perf");
    std::ostringstream policy;
    policy << in.rdbuf();
    compiled = test::compile(policy.str() +
                             "\nproject S policy 新疆2024 {\n  产出指标 / 数量指标 {\n"
                             "    indicator 甲 weight 40 target >= 100人 method 按照完成比例赋分\n"
                             "    indicator 乙 weight 30 target <= 10万元 method 按照完成比例赋分\n"
                             "    indicator 丙 weight 20 target 长期 method 按评判等级赋分\n"
                             "  }\n}\n");
    REQUIRE(compiled->messages().empty());
    data = test::project_data("S", {{"甲", "=100人"}, {"乙", "=10万元"}, {"丙", "达到预期指标"}});
    data.funds.reported = {"100.00%", "10.00"};
    data.indicators[0].reported = {"100%", "40"};
    data.indicators[1].reported = {"100%", "30"};
    data.indicators[2].reported = {"100%", "20"};
    data.reported_total = "100.00";
  }

  AuditCounts audit() {
    DiagnosticSink sink;
    const auto result = score_project(compiled->program, data, sink, {true, Lang::zh});
    REQUIRE(result);
    REQUIRE(sink.all().empty());
    return count_findings(*result);
  }
};

}  // namespace

TEST_CASE("audit categories on hand-made data") {
  Small s;
  SECTION("a table that follows the rules is clean") {
    CHECK(s.audit().clean());
  }
  SECTION("a printed score that differs") {
    s.data.indicators[0].reported.score = "39";
    s.data.reported_total = "99";
    const auto c = s.audit();
    CHECK(c.differ == 1);
    CHECK(c.differences == 2);  // the score, and the total that does not follow
    CHECK(c.tables_not_adding_up == 0);
  }
  SECTION("a printed rate that differs") {
    s.data.indicators[1].reported.rate = "99%";
    const auto c = s.audit();
    CHECK(c.differ == 1);
    CHECK(c.differences == 1);
  }
  SECTION("a printed funds score that differs") {
    s.data.funds.reported.score = "9.5";
    s.data.reported_total = "99.50";
    const auto c = s.audit();
    CHECK(c.differ == 0);
    CHECK(c.differences == 2);
  }
  SECTION("a deviation without explanation") {
    s.data.indicators[0].actual = std::get<ParsedValue>(parse_value("=103人"));
    s.data.indicators[0].reported = {"103%", "38.8"};
    s.data.reported_total = "98.80";
    const auto c = s.audit();
    CHECK(c.missing_explanations == 1);
    CHECK(c.differences == 0);
  }
  SECTION("an explanation where there is no deviation") {
    s.data.indicators[2].explanation = "按计划完成";
    CHECK(s.audit().unneeded_explanations == 1);
  }
  SECTION("printed scores that do not add up to the printed total") {
    s.data.indicators[2].reported.score = "19";
    const auto c = s.audit();
    CHECK(c.tables_not_adding_up == 1);
    CHECK(c.differences == 1);  // 19 is also not what the rules give
  }
  SECTION("a row that prints no score: the printed scores' sum is not checked, and says so") {
    s.data.indicators[2].reported.score.reset();
    const auto c = s.audit();
    CHECK(c.not_checked == 1);
    CHECK(c.tables_not_adding_up == 0);
    CHECK_FALSE(c.clean());
  }
  SECTION("no printed total: nothing to check the sum against, nothing skipped") {
    s.data.indicators[2].reported.score.reset();
    s.data.reported_total.reset();
    CHECK(s.audit().not_checked == 0);
  }
  SECTION("whitespace is no explanation") {
    s.data.indicators[0].actual = std::get<ParsedValue>(parse_value("=103人"));
    s.data.indicators[0].explanation = " \n ";
    s.data.indicators[0].reported = {"103%", "38.8"};
    s.data.reported_total = "98.80";
    CHECK(s.audit().missing_explanations == 1);
  }
}

TEST_CASE("audit: funds that cannot be scored (0 / 0) leave the table not checked") {
  Small s;
  s.data.funds.budget = Rational(0);
  s.data.funds.executed = Rational(0);
  DiagnosticSink sink;
  const auto result = score_project(s.compiled->program, s.data, sink, {true, Lang::zh});
  REQUIRE(result);
  CHECK_FALSE(sink.all().empty());  // the division error
  const auto c = count_findings(*result);
  CHECK(c.not_checked == 2);  // the funds rate and score, and the total
  CHECK_FALSE(c.clean());

  RunResults run_results;
  run_results.projects.push_back(*result);
  run_results.diagnostics = sink.all();
  std::ostringstream text;
  write_audit_text(text, run_results, s.compiled->sources, TextOptions{});
  CHECK(text.str().find("未能核对  预算执行率") != std::string::npos);
  CHECK(text.str().find("未发现问题") == std::string::npos);
}

TEST_CASE("explain: the working of a score, with the values filled in") {
  InSourceDir here;
  SourceManager sources;
  RunOptions options;
  options.rules = "rules";
  options.data = {"examples/jiuye-buzhu-2024.json"};
  options.scoring.explain = true;
  const RunResults results = run(options, sources);
  std::ostringstream out;
  write_explanation(out, results, sources, TextOptions{Lang::zh, false, 40},
                    {"", "参加招聘的企业数量"});
  const std::string text = out.str();
  // In an accountant's words: the rule's name, ÷ and −, max and abs
  // resolved, the score as the table keeps it.
  CHECK(text.find("    完成率 = 153家 ÷ 150家 = 102.00%；得分 = 10 × (1 − 2.00%) = 9.80\n") !=
        std::string::npos);
  CHECK(text.find(
            "是否达标：153家 ≥ 150家，是；须说明偏差：102.00% ≠ 100%，是；已填写偏差原因分析") !=
        std::string::npos);
  CHECK(text.find("举办招聘会次数") == std::string::npos);
  // The formula once, under its method, not under the indicator.
  const std::string formula = "得分 = weight * max(0, 1 - abs(rate - 100%))";
  CHECK(text.find(formula) < text.find("参加招聘的企业数量"));
  CHECK(text.find(formula, text.find(formula) + 1) == std::string::npos);
}

TEST_CASE("explain: a rounding that changes a figure is its own step") {
  InSourceDir here;
  SourceManager sources;
  RunOptions options;
  options.rules = "rules";
  options.data = {"examples/danwei-zhengti.json"};
  options.scoring.explain = true;
  const RunResults results = run(options, sources);
  std::ostringstream out;
  write_explanation(out, results, sources, TextOptions{Lang::zh, false, 40}, {});
  // 4155.92 / 4329.46 scores 9.599165..., kept to 1 decimal by the policy.
  CHECK(out.str().find("得分 = 10 × ≈95.99% = ≈9.599165，保留1位小数 = 9.60") != std::string::npos);
}

TEST_CASE("audit: a funds explanation the policy requires (执行率90须说明)") {
  std::ifstream in(std::string(PERFEVAL_SOURCE_DIR) + "/rules/library/全国模板.perf");
  std::ostringstream policy;
  policy << in.rdbuf();
  const auto compiled =
      test::compile(policy.str() +
                    "\nproject F policy 执行率90须说明 {\n  产出指标 / 数量指标 {\n"
                    "    indicator 甲 weight 90 target >= 100人 method 按照完成比例赋分\n  }\n}\n");
  REQUIRE(compiled->messages().empty());
  ProjectData data = test::project_data("F", {{"甲", "=100人"}});
  data.funds.executed = Rational::parse("8.999").value();
  const auto score = [&] {
    DiagnosticSink sink;
    auto result = score_project(compiled->program, data, sink, {true, Lang::zh});
    REQUIRE(result);
    REQUIRE(sink.all().empty());
    return *result;
  };
  const auto text = [](const ProjectResult& p) {
    RunResults results;
    results.projects.push_back(p);
    std::ostringstream out;
    write_text(out, results, TextOptions{Lang::zh, false, 40});
    return out.str();
  };
  SECTION("89.99% without an explanation: missing, in the table and in the audit") {
    const ProjectResult p = score();
    CHECK(p.funds.explanation_required);
    CHECK(count_findings(p).missing_explanations == 1);
    CHECK(text(p).find("预算执行率: 9.00 / 10.00 = 89.99%   得分 9.00 / 10   偏差说明: 缺失") !=
          std::string::npos);
  }
  SECTION("89.99% with funds.explanation: nothing missing") {
    data.funds.explanation = "部分项目年底未完成结算";
    const ProjectResult p = score();
    CHECK(count_findings(p).missing_explanations == 0);
    CHECK(count_findings(p).clean());
    CHECK(text(p).find("偏差说明: 有") != std::string::npos);
  }
  SECTION("90% needs no explanation") {
    data.funds.executed = Rational(9);
    const ProjectResult p = score();
    CHECK_FALSE(p.funds.explanation_required);
    CHECK(count_findings(p).missing_explanations == 0);
    CHECK(text(p).find("= 90.00%   得分 9.00 / 10\n") != std::string::npos);
  }
}

TEST_CASE("text: the funds rate shows the denominator the policy divides by") {
  std::ifstream in(std::string(PERFEVAL_SOURCE_DIR) + "/rules/library/全国模板.perf");
  std::ostringstream policy;
  policy << in.rdbuf();
  const std::string indicators =
      " {\n  产出指标 / 数量指标 {\n"
      "    indicator 甲 weight 90 target >= 100人 method 按照完成比例赋分\n  }\n}\n";
  const auto compiled =
      test::compile(policy.str() + "\nproject 全年 policy 全国模板" + indicators +
                    "project 年初 policy 年初预算口径" + indicators +
                    "project 其他 policy 其他口径" + indicators +
                    "policy 其他口径 extends 全国模板 {\n  funds {\n    weight 10\n"
                    "    rate  = executed / (budget + planned)\n"
                    "    score = round(weight * min(rate, 100%), 2)\n  }\n}\n");
  REQUIRE(compiled->messages().empty());
  const auto funds_line = [&](const std::string& project) {
    ProjectData data = test::project_data(project, {{"甲", "=100人"}});
    data.funds.planned = Rational(80);
    data.funds.budget = Rational(100);
    data.funds.executed = Rational(90);
    DiagnosticSink sink;
    auto result = score_project(compiled->program, data, sink, {false, Lang::zh});
    REQUIRE(result);
    RunResults results;
    results.projects.push_back(*result);
    std::ostringstream out;
    write_text(out, results, TextOptions{Lang::zh, false, 40});
    const std::string text = out.str();
    const auto start = text.find("预算执行率");
    REQUIRE(start != std::string::npos);
    return text.substr(start, text.find('\n', start) - start);
  };
  CHECK(funds_line("全年") == "预算执行率: 90.00 / 100.00 = 90.00%   得分 9.00 / 10");
  CHECK(funds_line("年初") == "预算执行率: 90.00 / 80.00 = 112.50%   得分 10.00 / 10");
  CHECK(funds_line("其他") == "预算执行率: 50.00%   得分 5.00 / 10");
}
