// Semantic checks: every problem in a rules folder is reported, each where
// it stands.

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace perfeval;

namespace {

const std::string kPolicy =
    "policy T {\n"
    "  total 100\n"
    "  funds { weight 10 rate = executed / budget score = weight * min(rate, 100%) }\n"
    "  grade 达到预期指标 = 100%\n"
    "}\n"
    "method 按照完成比例赋分 { rate = actual / target score = weight * rate }\n";

std::vector<std::string> codes(const test::Compiled& c) {
  std::vector<std::string> out;
  for (const auto& d : c.sink.all()) {
    out.push_back(d.code);
  }
  return out;
}

std::string project(const std::string& body, const std::string& policy = "T") {
  return "project P policy " + policy + " {\n  产出指标 / 数量指标 {\n" + body + "  }\n}\n";
}

}  // namespace

TEST_CASE("a well-formed rules file checks clean") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 90 target >= 1个 method 按照完成比例赋分\n"));
  CHECK(c->messages().empty());
  CHECK(c->program.find_project("P") != nullptr);
}

TEST_CASE("an unknown method suggests the closest name") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 90 target >= 1个 method 按照完成比列赋分\n"));
  CHECK(codes(*c) == std::vector<std::string>{"unknown-method-suggest"});
  CHECK(c->sink.all()[0].args[1] == "按照完成比例赋分");
  CHECK(c->program.find_project("P") == nullptr);
  CHECK(c->program.is_broken("P"));
}

TEST_CASE("an unknown policy is reported at the project") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 90 target >= 1个 method 按照完成比例赋分\n", "U"));
  CHECK(codes(*c) == std::vector<std::string>{"unknown-policy"});
}

TEST_CASE("weights that do not add up to the policy total are reported with the sums") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 50 target >= 1个 method 按照完成比例赋分\n"
                        "    indicator 乙 weight 35 target >= 1个 method 按照完成比例赋分\n"));
  REQUIRE(codes(*c) == std::vector<std::string>{"weights-do-not-add-up"});
  CHECK(c->sink.all()[0].args[1] == "85");
  CHECK(c->sink.all()[0].args[3] == "95");
}

TEST_CASE("duplicate indicators point at both places") {
  const auto c = test::compile(
      kPolicy + project("    indicator 甲 weight 45 target >= 1个 method 按照完成比例赋分\n"
                        "    indicator 甲 weight 45 target >= 1个 method 按照完成比例赋分\n"));
  REQUIRE(codes(*c) == std::vector<std::string>{"duplicate-indicator"});
  const auto& d = c->sink.all()[0];
  REQUIRE(d.related);
  CHECK(c->sources.get(d.range->file).position(d.range->begin).line == 10);
  CHECK(c->sources.get(d.related->file).position(d.related->begin).line == 9);
}

TEST_CASE("every problem is reported, not only the first") {
  const auto c = test::compile(
      kPolicy + "method 坏 { rate = actuel / target score = weight * score + max() }\n" +
      project("    indicator 甲 weight 90 target 长期 method 未知\n"));
  CHECK(codes(*c) == std::vector<std::string>{"unknown-variable-suggest", "unknown-variable",
                                              "wrong-argument-count", "unknown-method"});
}

TEST_CASE("a qualitative target needs grades in its method or policy") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight } }\n"
      "method M { rate = actual / target score = weight }\n" +
      project("    indicator 甲 weight 90 target 长期 method M\n"));
  CHECK(codes(*c) == std::vector<std::string>{"qualitative-target-without-grades"});
}

TEST_CASE("round takes a whole number of digits") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = round(rate, 1.5) } "
      "}\n");
  CHECK(codes(*c) == std::vector<std::string>{"round-digits"});
}

TEST_CASE("variables are known only where they have a value") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = executed / budget score = weight * actual } "
      "}\n");
  CHECK(codes(*c) == std::vector<std::string>{"unknown-variable"});
}

TEST_CASE("Chinese aliases of variables and functions are accepted") {
  const auto c = test::compile(
      "policy T { total 100 funds { weight 10 rate = 全年执行数 / 全年预算数 score = 舍入(权重 * "
      "最小(完成率, 100%), 1) } }\n");
  CHECK(c->messages().empty());
}

TEST_CASE("closest_name only suggests plausible slips") {
  CHECK(closest_name("按照完成比列赋分", {"按照完成比例赋分", "满意度赋分"}) ==
        std::optional<std::string>("按照完成比例赋分"));
  CHECK_FALSE(closest_name("完全不同", {"按照完成比例赋分"}));
  CHECK_FALSE(closest_name("x", {"x"}));
}
