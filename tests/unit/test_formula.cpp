// Formulas: exact arithmetic, units that travel with values, and errors that
// say which part of the formula failed.

#include <catch2/catch.hpp>

#include "perfeval/runtime/formula.hpp"
#include "support.hpp"

using namespace perfeval;

namespace {

// Compiles `rate = <text>` of a throwaway method and evaluates it.
struct Fixture {
  std::unique_ptr<test::Compiled> compiled;
  Formula formula;
};

Fixture formula(const std::string& text) {
  auto c = test::compile("method M { rate = " + text + " score = 0 }\n");
  INFO(c->messages());
  REQUIRE(c->messages().empty());
  const auto it = c->rules.methods.find("M");
  REQUIRE(it != c->rules.methods.end());
  Formula f = Formula::compile(*it->second->rate);
  return {std::move(c), std::move(f)};
}

Bindings values(Number actual, Number target) {
  Bindings b;
  b.set(Variable::weight, Number{Rational(10), {}});
  b.set(Variable::actual, actual);
  b.set(Variable::target, target);
  b.set(Variable::graded, false);
  return b;
}

std::string error_code(const Formula& f, const Bindings& b) {
  try {
    f.evaluate(b);
  } catch (const EvalError& e) {
    return e.code;
  }
  return "";
}

}  // namespace

TEST_CASE("formula: exact arithmetic, 0.1 + 0.2 = 0.3") {
  const auto f = formula("0.1 + 0.2 = 0.3");
  CHECK(f.formula.evaluate_bool(Bindings{}));
}

TEST_CASE("formula: precedence and percent literals") {
  CHECK(formula("1 + 2 * 3").formula.evaluate_number({}).value == Rational(7));
  CHECK(formula("(1 + 2) * 3").formula.evaluate_number({}).value == Rational(9));
  CHECK(formula("100% - 2%").formula.evaluate_number({}).value == Rational::fraction(98, 100));
  CHECK(formula("-2 * -3").formula.evaluate_number({}).value == Rational(6));
  CHECK(formula("if 1 < 2 and not 3 < 2 then 1 else 0").formula.evaluate_number({}).value ==
        Rational(1));
}

TEST_CASE("formula: a quantity divided by one of the same unit is a plain rate") {
  const auto f = formula("actual / target");
  const Number r = f.formula.evaluate_number(values({Rational(153), "家"}, {Rational(150), "家"}));
  CHECK(r.value == Rational::fraction(102, 100));
  CHECK(r.unit.empty());
}

TEST_CASE("formula: mixing units is an error, not a number") {
  CHECK(error_code(formula("actual / target").formula,
                   values({Rational(13), "元"}, {Rational(13), "人"})) == "unit-mismatch-divide");
  CHECK(error_code(formula("actual + target").formula,
                   values({Rational(13), "元"}, {Rational(13), "人"})) == "unit-mismatch-add");
  CHECK(error_code(formula("actual * target").formula,
                   values({Rational(13), "人"}, {Rational(13), "人"})) == "unit-mismatch-multiply");
  CHECK(error_code(formula("if actual > target then 1 else 0").formula,
                   values({Rational(13), "元"}, {Rational(13), "人"})) == "unit-mismatch-compare");
}

TEST_CASE("formula: zero compares with any unit") {
  const auto f = formula("if target = 0 then 1 else 0");
  CHECK(f.formula.evaluate_number(values({Rational(0), ""}, {Rational(0), "人"})).value ==
        Rational(1));
}

TEST_CASE("formula: division by zero names the division") {
  const auto f = formula("weight + actual / target");
  try {
    f.formula.evaluate(values({Rational(1), "人"}, {Rational(0), "人"}));
    FAIL("no error");
  } catch (const EvalError& e) {
    CHECK(e.code == "division-by-zero");
    const auto& src = f.compiled->sources.get(e.range.file);
    CHECK(src.text().substr(e.range.begin, e.range.end - e.range.begin) == "actual / target");
  }
}

TEST_CASE("formula: only the branch taken is evaluated") {
  const auto f = formula("if target = 0 then 100% else actual / target");
  CHECK(f.formula.evaluate_number(values({Rational(0), ""}, {Rational(0), ""})).value ==
        Rational(1));
}

TEST_CASE("formula: grade has no value unless the actual is a grade word") {
  CHECK(error_code(formula("grade").formula, values({Rational(1), ""}, {Rational(1), ""})) ==
        "variable-has-no-value");
}

TEST_CASE("formula: min, max, abs and round") {
  CHECK(formula("min(3, 1, 2)").formula.evaluate_number({}).value == Rational(1));
  CHECK(formula("max(3, 1, 2)").formula.evaluate_number({}).value == Rational(3));
  CHECK(formula("abs(1 - 3)").formula.evaluate_number({}).value == Rational(2));
  CHECK(formula("round(11 * (63 / 88), 2)").formula.evaluate_number({}).value ==
        *Rational::parse("7.88"));
  CHECK(formula("round(4.845, 2)").formula.evaluate_number({}).value == *Rational::parse("4.85"));
}

TEST_CASE("formula: overflow is an error") {
  const auto f = formula("99999999999999999999 * 99999999999999999999 * 99999999999999999999");
  CHECK(error_code(f.formula, {}) == "arithmetic-overflow");
}
