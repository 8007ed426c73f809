// Scoring through the library, with the shipped 新疆2024 policy and small
// projects held in memory.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support.hpp"

using namespace perfeval;

namespace {

std::string shipped_policy() {
  std::ifstream in(std::string(PERFEVAL_SOURCE_DIR) + "/rules/新疆2024.perf");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One project of a single indicator plus filler so the weights add up to 100.
std::unique_ptr<test::Compiled> one_indicator(const std::string& weight, const std::string& target,
                                              const std::string& method,
                                              const std::string& policy = "新疆2024") {
  const Rational filler = Rational(90) - *Rational::parse(weight);
  return test::compile(shipped_policy() + "\nproject P policy " + policy +
                       " {\n  产出指标 / 数量指标 {\n    indicator 指标甲 weight " + weight +
                       " target " + target + " method " + method + "\n    indicator 填充 weight " +
                       filler.to_string() + " target >= 1个 method 按照完成比例赋分\n  }\n}\n");
}

IndicatorResult score_one(const test::Compiled& c, const std::string& actual,
                          DiagnosticSink& sink) {
  const auto data = test::project_data("P", {{"指标甲", actual}, {"填充", "=1个"}});
  const auto result = score_project(c.program, data, sink);
  REQUIRE(result);
  return result->indicators.at(0);
}

}  // namespace

TEST_CASE("over-achievement is deducted in proportion under 按照完成比例赋分") {
  const auto c = one_indicator("10", ">= 150家", "按照完成比例赋分");
  REQUIRE(c->messages().empty());
  DiagnosticSink sink;
  const auto r = score_one(*c, "=153家", sink);
  REQUIRE(r.scored);
  CHECK(r.rate == Rational::fraction(102, 100));
  CHECK(r.score_rounded == *Rational::parse("9.8"));
  CHECK(r.explanation_required);
  CHECK_FALSE(r.explanation_present);
  CHECK(r.met);
}

TEST_CASE("rates are never rounded before the score: 11 x 63/88 is 7.875, shown as 7.88") {
  const auto c = one_indicator("11", ">= 88人", "按照完成比例赋分");
  DiagnosticSink sink;
  const auto r = score_one(*c, "63人", sink);
  REQUIRE(r.scored);
  CHECK(r.rate == Rational::fraction(63, 88));
  CHECK(r.score == *Rational::parse("7.875"));
  CHECK(r.score_rounded == *Rational::parse("7.88"));
  CHECK_FALSE(r.met);
}

TEST_CASE("a cost below its ceiling scores by the rate under the seed's convention") {
  const auto c = one_indicator("4", "<= 11.48万元", "按照完成比例赋分");
  DiagnosticSink sink;
  const auto r = score_one(*c, "=11.36万元", sink);
  REQUIRE(r.scored);
  CHECK(r.met);
  CHECK(r.score_rounded == *Rational::parse("3.96"));
  CHECK(r.explanation_required);
}

TEST_CASE("target 0: an actual of 0 is 100 percent, anything else 0") {
  const auto c = one_indicator("5", "= 0", "按照完成比例赋分");
  DiagnosticSink sink;
  auto r = score_one(*c, "=0", sink);
  REQUIRE(r.scored);
  CHECK(r.rate == Rational(1));
  CHECK(r.score_rounded == Rational(5));
  r = score_one(*c, "=2", sink);
  REQUIRE(r.scored);
  CHECK(r.rate == Rational(0));
  CHECK(r.score_rounded == Rational(0));
  CHECK(sink.all().empty());
}

TEST_CASE("万 folds into the amount: 2.42万人 meets >=2.30万人 at full weight under 达标赋分") {
  const auto c = one_indicator("15", ">= 2.30万人", "达标赋分", "新疆2024单位整体");
  REQUIRE(c->messages().empty());
  DiagnosticSink sink;
  const auto r = score_one(*c, "2.42万人", sink);
  REQUIRE(r.scored);
  CHECK(r.rate == Rational::fraction(242, 230));
  CHECK(r.score_rounded == Rational(15));
  CHECK_FALSE(r.explanation_required);
}

TEST_CASE("deadlines: on or before the target date scores in full, after it nothing") {
  const auto c = one_indicator("5", "2024年12月10日前", "直接赋分");
  DiagnosticSink sink;
  CHECK(score_one(*c, "=2024年12月9日", sink).score_rounded == Rational(5));
  CHECK(score_one(*c, "2024年12月10日", sink).score_rounded == Rational(5));
  CHECK(score_one(*c, "=2024年12月11日", sink).score_rounded == Rational(0));
  CHECK(sink.all().empty());
}

TEST_CASE("qualitative targets score by grade") {
  const auto c = one_indicator("20", "长期", "按评判等级赋分");
  DiagnosticSink sink;
  auto r = score_one(*c, "达到预期指标", sink);
  CHECK(r.graded);
  CHECK(r.score_rounded == Rational(20));
  r = score_one(*c, "部分达到预期指标", sink);
  CHECK(r.score_rounded == Rational(12));
  CHECK(sink.all().empty());
}

TEST_CASE("a grade word the rules do not know is an error naming the indicator") {
  const auto c = one_indicator("20", "长期", "按评判等级赋分");
  DiagnosticSink sink;
  const auto r = score_one(*c, "基本达到", sink);
  CHECK_FALSE(r.scored);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "data-unknown-grade");
  CHECK(sink.all()[0].args[1] == "指标甲");
}

TEST_CASE("an actual whose unit differs from the target's is an error, not a score") {
  const auto c = one_indicator("10", ">= 13人", "按照完成比例赋分");
  DiagnosticSink sink;
  const auto r = score_one(*c, "=13万元", sink);
  CHECK_FALSE(r.scored);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "data-unit-mismatch");
}

TEST_CASE("a date against a quantity is named in the reader's language") {
  const auto c = one_indicator("10", ">= 13人", "按照完成比例赋分");
  DiagnosticSink sink;
  score_one(*c, "=2024年12月9日", sink);
  REQUIRE(sink.all().size() == 1);
  const std::string en = message_text(sink.all()[0], Lang::en);
  const std::string zh = message_text(sink.all()[0], Lang::zh);
  CHECK(en.find("(a date)") != std::string::npos);
  CHECK(en.find("(人)") != std::string::npos);
  CHECK(en.find("日期") == std::string::npos);
  CHECK(zh.find("（日期）") != std::string::npos);
}

TEST_CASE("satisfaction above its target is capped at the weight") {
  const auto c = one_indicator("10", ">= 95%", "满意度赋分");
  DiagnosticSink sink;
  const auto r = score_one(*c, "=96.25%", sink);
  CHECK(r.score_rounded == Rational(10));
  CHECK(r.rate.round_half_up(4) == *Rational::parse("1.0132"));
  CHECK(r.explanation_required);
}

TEST_CASE("missing and misspelt indicators are reported, and the total is withheld") {
  const auto c = one_indicator("10", ">= 150家", "按照完成比例赋分");
  DiagnosticSink sink;
  const auto data = test::project_data("P", {{"指标乙", "=150家"}});
  const auto result = score_project(c->program, data, sink);
  REQUIRE(result);
  CHECK_FALSE(result->complete);
  CHECK_FALSE(result->total);
  std::vector<std::string> codes;
  for (const auto& d : sink.all()) {
    codes.push_back(d.code);
  }
  CHECK(codes == std::vector<std::string>{"data-unknown-indicator-suggest",
                                          "data-missing-indicator", "data-missing-indicator"});
  CHECK(sink.all()[0].args.back() == "指标甲");
}

TEST_CASE("an unknown project type is reported with the closest name") {
  const auto c = one_indicator("10", ">= 150家", "按照完成比例赋分");
  DiagnosticSink sink;
  const auto data = test::project_data("Q", {});
  CHECK_FALSE(score_project(c->program, data, sink));
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code.starts_with("data-unknown-project"));
}

TEST_CASE("funds: executed / budget, scored to one decimal") {
  const auto c = one_indicator("10", ">= 150家", "按照完成比例赋分");
  DiagnosticSink sink;
  auto data = test::project_data("P", {{"指标甲", "=150家"}, {"填充", "=1个"}});
  data.funds.budget = *Rational::parse("74.13");
  data.funds.executed = *Rational::parse("74.01");
  auto result = score_project(c->program, data, sink);
  REQUIRE(result);
  CHECK(result->funds.score == Rational(10));  // 9.98 -> 10.0
  data.funds.budget = *Rational::parse("4329.46");
  data.funds.executed = *Rational::parse("4155.92");
  result = score_project(c->program, data, sink);
  REQUIRE(result);
  CHECK(result->funds.score == *Rational::parse("9.6"));
  CHECK(*result->total == *Rational::parse("99.6"));
  CHECK(result->band == std::optional<std::string>("优"));
}

TEST_CASE("reported figures that differ from the rules are listed with the difference") {
  const auto c = one_indicator("4", "<= 11.48万元", "按照完成比例赋分");
  DiagnosticSink sink;
  auto data = test::project_data("P", {{"指标甲", "=11.36万元"}, {"填充", "=1个"}});
  data.indicators[0].reported = {"98.95%", "3.9"};
  data.reported_total = "99.90";
  const auto result = score_project(c->program, data, sink);
  REQUIRE(result);
  const auto& diffs = result->indicators[0].differences;
  REQUIRE(diffs.size() == 1);
  CHECK(diffs[0].field == "score");
  CHECK(diffs[0].computed == *Rational::parse("3.96"));
  CHECK(diffs[0].difference == *Rational::parse("-0.06"));
  REQUIRE(result->total_difference);
  CHECK(result->total_difference->computed == *Rational::parse("99.96"));
}

TEST_CASE("a formula that divides by zero for these values fails with its place in the rules") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * rate } }\n"
      "method M { rate = actual / target score = weight * rate }\n"
      "project P policy T { 产出指标 / 数量指标 { indicator 甲 weight 90 target = 0 method M } "
      "}\n");
  REQUIRE(c->messages().empty());
  DiagnosticSink sink;
  const auto data = test::project_data("P", {{"甲", "=0"}});
  const auto result = score_project(c->program, data, sink);
  REQUIRE(result);
  CHECK_FALSE(result->complete);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "scoring-failed");
  REQUIRE(sink.all()[0].range);
  CHECK(c->sources.get(sink.all()[0].range->file).position(sink.all()[0].range->begin).line == 2);
  CHECK(
      message_text(sink.all()[0], Lang::en) ==
      "memory.json: cannot score '甲' of project 'P': division by zero: 0 / 0; guard the formula, "
      "e.g. if target = 0 then ... else actual / target");
  // The formula's own message is worded with the diagnostic, in its language.
  REQUIRE(sink.all()[0].cause);
  const std::string zh = message_text(sink.all()[0], Lang::zh);
  CHECK(zh.starts_with("memory.json：无法为项目“P”的“甲”计分："));
  CHECK(zh.find("division") == std::string::npos);
}

TEST_CASE("the funds' and the total's formulas failing are worded in the reader's language") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * rate }\n"
      "  total = indicators / (funds_rate - 1) }\n"
      "method M { rate = actual / target score = weight * rate }\n"
      "project P policy T { 产出指标 / 数量指标 { indicator 甲 weight 90 target = 1 method M } "
      "}\n");
  REQUIRE(c->messages().empty());
  auto data = test::project_data("P", {{"甲", "=1"}});
  SECTION("the funds") {
    data.funds.budget = Rational(0);
    DiagnosticSink sink;
    REQUIRE(score_project(c->program, data, sink));
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "scoring-failed-funds");
    CHECK(
        message_text(sink.all()[0], Lang::en)
            .starts_with(
                "memory.json: cannot score the budget execution of project 'P': division by zero"));
    CHECK(message_text(sink.all()[0], Lang::zh).find("“预算执行率”") != std::string::npos);
  }
  SECTION("the total") {
    DiagnosticSink sink;
    const auto result = score_project(c->program, data, sink);
    REQUIRE(result);
    CHECK_FALSE(result->complete);
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "scoring-failed-total");
    CHECK(message_text(sink.all()[0], Lang::en)
              .starts_with("memory.json: cannot score the total of project 'P': division by zero"));
    CHECK(message_text(sink.all()[0], Lang::zh).find("“总分”") != std::string::npos);
  }
}

// ---- scores entered by hand, checked by `require`

namespace {

// A band method in the shape of the library's 定性区间赋分, and a project of it.
const std::string kBandRules =
    "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * rate } }\n"
    "method 区间 {\n"
    "  grade 达成 = 80% .. 100%\n"
    "  grade 满分 = 100%\n"
    "  require entered >= weight * grade_low\n"
    "  require entered <= weight * grade_high\n"
    "  rate  = entered / weight\n"
    "  score = entered\n"
    "}\n"
    "project P policy T { 产出指标 / 数量指标 { indicator 甲 weight 90 target 长期 method 区间 } "
    "}\n";

ProjectData band_data(const std::string& actual, std::optional<std::string> entered) {
  ProjectData data = test::project_data("P", {{"甲", actual}});
  data.indicators[0].reported.score = std::move(entered);
  return data;
}

}  // namespace

TEST_CASE(
    "an entered score inside its band is the score, and grade_low and grade_high are the band") {
  const auto c = test::compile(kBandRules);
  REQUIRE(c->messages().empty());
  DiagnosticSink sink;
  const auto result =
      score_project(c->program, band_data("达成", "72"), sink, {.explain = true, .lang = Lang::en});
  REQUIRE(result);
  CHECK(sink.all().empty());
  CHECK(result->complete);
  CHECK(result->indicators[0].score_rounded == Rational(72));
  CHECK(result->indicators[0].rate == Rational::fraction(8, 10));
  CHECK(result->indicators[0].differences.empty());  // the entered score is what it scores
  REQUIRE(result->indicators[0].steps.size() >= 2);
  CHECK(result->indicators[0].steps[0].quantity == "require");
  CHECK(result->indicators[0].steps[0].working.filled == "72 >= 90 × 80.00%");
  CHECK(result->indicators[0].steps[0].working.result == "yes");
}

TEST_CASE("an entered score outside its band: the rule with its values, and no total") {
  const auto c = test::compile(kBandRules);
  DiagnosticSink sink;
  const auto result = score_project(c->program, band_data("达成", "71.99"), sink);
  REQUIRE(result);
  CHECK_FALSE(result->indicators[0].scored);
  CHECK_FALSE(result->complete);
  CHECK_FALSE(result->total);
  REQUIRE(sink.all().size() == 1);
  std::string text;
  for (const Lang lang : {Lang::en, Lang::zh}) {
    text += render(sink.all()[0], c->sources, lang);
  }
  CHECK(
      text ==
      "test.perf:5:11: error: memory.json: indicator '甲' of project 'P' is not scored: the "
      "requirement written here does not hold: 71.99 >= 90 × 80.00%\n"
      "    require entered >= weight * grade_low\n"
      "            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
      "test.perf:5:11: 错误: memory.json：项目“P”的指标“甲”未计分：不满足此处规定的要求：71.99 >= "
      "90 × 80.00%\n"
      "    require entered >= weight * grade_low\n"
      "            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("the first requirement that fails is the one reported") {
  const auto c = test::compile(kBandRules);
  DiagnosticSink sink;
  score_project(c->program, band_data("达成", "90.01"), sink);
  REQUIRE(sink.all().size() == 1);
  CHECK(c->sources.get(sink.all()[0].range->file).position(sink.all()[0].range->begin).line == 6);
  CHECK(sink.all()[0].args[3] == "90.01 <= 90 × 100.00%");
  CHECK(sink.all()[0].args[4] == "90.01 <= 90 × 100.00%");
}

TEST_CASE("a grade that is no band has grade_low = grade_high = its share") {
  const auto c = test::compile(kBandRules);
  DiagnosticSink sink;
  CHECK(score_project(c->program, band_data("满分", "90"), sink)->complete);
  CHECK(sink.all().empty());
  DiagnosticSink refused;
  CHECK_FALSE(score_project(c->program, band_data("满分", "89"), refused)->complete);
  CHECK(refused.all().size() == 1);
}

TEST_CASE("a method that reads entered, with no entered score in the data: a data error") {
  const auto c = test::compile(kBandRules);
  DiagnosticSink sink;
  const auto result = score_project(c->program, band_data("达成", std::nullopt), sink);
  REQUIRE(result);
  CHECK_FALSE(result->complete);
  REQUIRE(sink.all().size() == 1);
  CHECK(render(sink.all()[0], c->sources, Lang::en) ==
        "memory.json: error: indicator '甲' of project 'P' is scored from the score entered by "
        "hand, but the data gives none; add it as \"reported\": {\"score\": \"...\"}\n");
  CHECK(message_text(sink.all()[0], Lang::zh) ==
        "项目“P”的指标“甲”按填报得分计分，但数据中没有填报得分；请添加 \"reported\": {\"score\": "
        "\"...\"}");
  DiagnosticSink bad;
  score_project(c->program, band_data("达成", "七十二"), bad);
  REQUIRE(bad.all().size() == 1);
  CHECK(bad.all()[0].code == "data-bad-reported");
}

TEST_CASE("a method that does not read entered is not bothered by its absence") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * rate } }\n"
      "method M { rate = if graded then 1 else entered / weight score = weight * rate }\n"
      "policy U extends T { grade 达成 = 100% }\n"
      "project Q policy U { 产出指标 / 数量指标 { indicator 甲 weight 90 target 长期 method M } "
      "}\n");
  REQUIRE(c->messages().empty());
  DiagnosticSink sink;
  const auto result = score_project(c->program, test::project_data("Q", {{"甲", "达成"}}), sink);
  CHECK(sink.all().empty());
  CHECK(result->complete);
}
