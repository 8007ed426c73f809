// The audit stage reads each printed figure once, and never throws on what a
// table prints: a figure it cannot read is reported, with why.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "perfeval/runtime/internal/audit.hpp"
#include "support.hpp"

using namespace perfeval;
using Reading = PrintedFigure::Reading;

namespace {

const std::string k60Nines(60, '9');

std::optional<std::string> text(const char* s) {
  return std::string(s);
}

struct Example {
  SourceManager sources;
  DiagnosticSink sink;
  RuleSet rules = load_rules(std::filesystem::path(PERFEVAL_SOURCE_DIR) / "rules", sources, sink);
  ProjectData data;

  Example() {
    const auto path = std::filesystem::path(PERFEVAL_SOURCE_DIR) / "examples/jiuye-buzhu-2024.json";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream json;
    json << in.rdbuf();
    data = *load_project_data(sources.add("jiuye.json", json.str()), sources, sink);
  }
};

}  // namespace

TEST_CASE("printed scores and totals are read as numbers with or without 分") {
  CHECK(read_printed_number(std::nullopt).reading == Reading::absent);
  CHECK(read_printed_number(text("")).reading == Reading::absent);
  CHECK(read_printed_number(text("99.80分")).number() == Rational::parse("99.8"));
  CHECK(read_printed_number(text("9.8")).number() == Rational::parse("9.8"));
  CHECK(read_printed_number(text("七十二")).reading == Reading::not_a_number);
  CHECK(read_printed_number(k60Nines).reading == Reading::too_large);
  CHECK(read_printed_number(k60Nines + "分").reading == Reading::too_large);
}

TEST_CASE("printed rates are read as fractions") {
  CHECK(read_printed_rate(std::nullopt).reading == Reading::absent);
  CHECK(read_printed_rate(text("102.00%")).number() == Rational::parse("1.02"));
  CHECK(read_printed_rate(text("=102%")).number() == Rational::parse("1.02"));
  CHECK(read_printed_rate(text("约百分之百")).reading == Reading::not_a_number);
  CHECK(read_printed_rate(k60Nines + "%").reading == Reading::too_large);
}

TEST_CASE("a printed total too long to read is reported and does not crash the audit") {
  Example example;
  REQUIRE_FALSE(example.sink.has_errors());
  example.data.reported_total = k60Nines;
  DiagnosticSink sink;
  const auto result = score_project(example.rules.program, example.data, sink);
  REQUIRE(result);
  CHECK(result->complete);
  CHECK_FALSE(result->reported_total_value);
  CHECK_FALSE(result->total_difference);
  CHECK(result->reported_sum);
  CHECK_FALSE(result->reported_sum_mismatch());
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "data-reported-too-large-total");
  // The place is worded by the renderer, in the reader's language.
  CHECK(message_text(sink.all()[0], Lang::en).find("total score") != std::string::npos);
  CHECK(message_text(sink.all()[0], Lang::en).find("总分") == std::string::npos);
  CHECK(message_text(sink.all()[0], Lang::zh).find("总分") != std::string::npos);
}

TEST_CASE("a printed funds score that cannot be read leaves no printed sum") {
  Example example;
  REQUIRE_FALSE(example.sink.has_errors());
  SECTION("not a number") {
    example.data.funds.reported.score = "十分";
    DiagnosticSink sink;
    const auto result = score_project(example.rules.program, example.data, sink);
    REQUIRE(result);
    CHECK_FALSE(result->reported_sum);
    CHECK_FALSE(result->funds.reported_score_value);
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "data-bad-reported-funds");
    CHECK(message_text(sink.all()[0], Lang::en).find("预算执行率") == std::string::npos);
  }
  SECTION("too large") {
    example.data.funds.reported.score = k60Nines;
    DiagnosticSink sink;
    const auto result = score_project(example.rules.program, example.data, sink);
    REQUIRE(result);
    CHECK_FALSE(result->reported_sum);
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == "data-reported-too-large-funds");
  }
}

TEST_CASE("the printed scores are summed once and checked against the printed total") {
  Example example;
  REQUIRE_FALSE(example.sink.has_errors());
  DiagnosticSink sink;
  auto result = score_project(example.rules.program, example.data, sink);
  REQUIRE(result);
  REQUIRE(result->reported_total_value);
  CHECK(result->reported_total_value == Rational::parse("99.8"));
  CHECK(result->reported_sum == result->reported_total_value);
  CHECK_FALSE(result->reported_sum_mismatch());
  example.data.reported_total = "98.80分";
  result = score_project(example.rules.program, example.data, sink);
  REQUIRE(result);
  CHECK(result->reported_sum_mismatch());
  REQUIRE(result->total_difference);
  CHECK(result->total_difference->difference == Rational(-1));
}
