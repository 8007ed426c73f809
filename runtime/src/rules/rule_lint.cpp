#include "perfeval/runtime/rule_lint.hpp"

#include <set>

#include "perfeval/runtime/engine.hpp"

namespace perfeval {
namespace {

// An actual value that meets `target` exactly: the target itself, or for a
// qualitative target the first grade worth the full weight.
std::optional<Value> meeting_value(const CompiledIndicator& indicator) {
  const Value& target = indicator.decl->target.value;
  if (!std::holds_alternative<Word>(target)) {
    return target;
  }
  for (const auto& grade : *indicator.grades) {
    if (grade.share == Rational(1)) {
      return Word{grade.word};
    }
  }
  return std::nullopt;
}

// A one-indicator table scored for each indicator in turn: its strings and
// buffers are reused, as a folder of many project types holds a million
// indicators.
struct Trial {
  ProjectData data;
  IndicatorData input;
  IndicatorResult result;
  DiagnosticSink sink;
};

// Scores `indicator` with `actual` in place of data; returns the first
// problem's inner message code and range, if any.
std::optional<Diagnostic> try_score(Trial& trial, const CompiledProject& project,
                                    const CompiledIndicator& indicator, const Value& actual) {
  trial.data.file = "(check)";
  trial.data.project.assign(project.decl->name.text);
  IndicatorData& input = trial.input;
  input.name.assign(indicator.decl->name.text);
  input.actual = ParsedValue{CompareOp::none, actual};
  input.actual_text = to_display(actual);
  // A method that scores the score entered by hand gets the full weight.
  input.reported.score = indicator.decl->weight.to_string();
  trial.result.reset();
  trial.sink.clear();
  score_indicator(project, indicator, input, trial.data, trial.result, trial.sink, {});
  if (trial.sink.all().empty()) {
    return std::nullopt;
  }
  return trial.sink.all().front();
}

}  // namespace

void lint_rules(const Program& program, DiagnosticSink& sink) {
  std::set<const CompiledMethod*> zero_checked;
  Trial trial;
  // Each project type is compiled here and let go: a folder may declare a
  // hundred thousand.
  OpenedProject opened;
  for (const std::string_view name : program.usable_project_names()) {
    const CompiledProject* project = program.compile_project(name, opened);
    if (!project) {
      continue;
    }
    for (const auto& indicator : project->indicators) {
      const ast::Indicator& decl = *indicator.decl;
      if (const auto actual = meeting_value(indicator)) {
        if (auto problem = try_score(trial, *project, indicator, *actual)) {
          // requirement-not-met carries the requirement with its values
          // in both languages (args 3 and 4).
          if (problem->code == "requirement-not-met" && problem->args.size() > 4) {
            problem = Diagnostic{Severity::error,
                                 "requirement-does-not-hold",
                                 {},
                                 {},
                                 {problem->args[3], problem->args[4]},
                                 {}};
          }
          // The reason is rendered with the message, in the reader's
          // language: a formula's own failure, or the problem itself.
          Diagnostic cannot{Severity::error,
                            "method-cannot-score",
                            decl.target.range,
                            {},
                            {std::string(decl.name.text), std::string(decl.method.text),
                             std::string(decl.target.text)},
                            {},
                            problem->cause ? *problem->cause : Cause{problem->code, problem->args}};
          sink.report(std::move(cannot));
          continue;
        }
      }
      // Target 0 (错案率 =0) is a possible input of any method that scores
      // numbers; try it once per method.
      const auto* quantity = std::get_if<Quantity>(&decl.target.value);
      if (!quantity || !zero_checked.insert(indicator.method).second) {
        continue;
      }
      ast::Indicator zero_decl = decl;
      zero_decl.target.value = Quantity{Rational(0), quantity->unit};
      CompiledIndicator zero = indicator;
      zero.decl = &zero_decl;
      for (const Rational& actual : {Rational(0), Rational(1)}) {
        const auto problem = try_score(trial, *project, zero, Quantity{actual, quantity->unit});
        if (problem && problem->range) {
          sink.warning("divides-by-zero-target", *problem->range, {indicator.method->name});
          break;
        }
      }
    }
  }
}

}  // namespace perfeval
