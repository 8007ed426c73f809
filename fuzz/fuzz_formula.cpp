// libFuzzer target: the formulas of every method and policy in a rule file,
// evaluated (and explained) against a few fixed sets of values: a count
// over its target, a target of 0, dates, grade words, mixed units. A
// formula may fail with EvalError; it must never crash.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "perfeval/lang/checker.hpp"
#include "perfeval/lang/parser.hpp"
#include "perfeval/runtime/program.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace {

using namespace perfeval;

struct Case {
  Scalar target;
  Scalar actual;
  bool graded;
  bool lower_is_better;
};

std::vector<Case> cases() {
  const auto n = [](long long v, std::string_view unit = {}) {
    return Scalar{Number{Rational(v), unit}};
  };
  return {
      {n(150, "家"), n(153, "家"), false, false},
      {n(0), n(0), false, true},
      {n(0), n(5, "件"), false, true},
      {n(12, "月"), n(13, "月"), false, true},
      {n(3, "元"), n(3, "人"), false, true},
      {Date{2024, 12, 10}, Date{2025, 2, 28}, false, true},
      {Scalar{std::string_view("有效促进")}, Scalar{std::string_view("达到预期指标")}, true, false},
      {n(-7), n(1'000'000'000'000LL), false, false},
  };
}

template <typename F>
void attempt(F&& f) {
  try {
    f();
  } catch (const EvalError&) {
  }
}

void run_formula(const Formula& formula, const Bindings& b) {
  attempt([&] { (void)formula.evaluate(b); });
  attempt([&] { (void)formula.explain(b, true, Lang::zh); });
  attempt([&] { (void)formula.explain(b, false, Lang::en); });
}

void run_method(const CompiledMethod& method) {
  for (const Case& c : cases()) {
    Bindings b;
    b.set(Variable::weight, Number{Rational(10), {}});
    b.set(Variable::target, c.target);
    b.set(Variable::actual, c.actual);
    b.set(Variable::graded, c.graded);
    if (c.graded) {
      b.set(Variable::grade, Number{Rational(3) / Rational(5), {}});
    }
    b.set(Variable::lower_is_better, c.lower_is_better);
    b.set(Variable::met, true);
    if (method.met) {
      attempt([&] { b.set(Variable::met, method.met->evaluate_bool(b)); });
      run_formula(*method.met, b);
    }
    attempt([&] { b.set(Variable::rate, method.rate.evaluate_number(b)); });
    run_formula(method.rate, b);
    attempt([&] { b.set(Variable::score, method.score.evaluate_number(b)); });
    run_formula(method.score, b);
    if (method.explain_when) {
      run_formula(*method.explain_when, b);
    }
  }
}

void run_funds(const CompiledFunds& funds) {
  const long long figures[][3] = {{10, 10, 10}, {10, 0, 0}, {0, 7, 9}, {-1, 3, 1'000'000}};
  for (const auto& f : figures) {
    Bindings b;
    b.set(Variable::weight, Number{funds.weight, {}});
    b.set(Variable::planned, Number{Rational(f[0]), {}});
    b.set(Variable::budget, Number{Rational(f[1]), {}});
    b.set(Variable::executed, Number{Rational(f[2]), {}});
    attempt([&] { b.set(Variable::rate, funds.rate.evaluate_number(b)); });
    run_formula(funds.rate, b);
    attempt([&] { b.set(Variable::score, funds.score.evaluate_number(b)); });
    run_formula(funds.score, b);
    if (funds.explain_when) {
      run_formula(*funds.explain_when, b);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id =
      sources.add("fuzz.perf", std::string(reinterpret_cast<const char*>(data), size));
  const RuleSet set = compile_rule_sources({id}, sources, sink);
  const CheckedRules& rules = set.rules;
  const Program& program = set.program;
  if (sink.has_errors()) {
    return 0;  // formulas are evaluated only once they have passed the checker
  }
  for (const auto& [name, decl] : rules.methods) {
    if (const CompiledMethod* method = program.find_method(name)) {
      run_method(*method);
    }
  }
  for (const auto& [name, decl] : rules.policies) {
    if (const CompiledPolicy* policy = program.find_policy(name)) {
      run_funds(policy->funds);
      for (const auto& [method_name, method] : policy->methods) {
        run_method(*method);
      }
    }
  }
  return 0;
}
