#include "perfeval/runtime/engine.hpp"

#include <algorithm>

#include "perfeval/lang/checker.hpp"
#include "perfeval/runtime/internal/audit.hpp"
#include "perfeval/values/internal/rational_units.hpp"

namespace perfeval {
namespace {

Diagnostic data_error(const ProjectData& data, std::string code, std::vector<std::string> args) {
  return Diagnostic{Severity::error, std::move(code), std::nullopt, data.file, std::move(args), {}};
}

// A formula failed while scoring this data: the message points into the rule
// file (where the formula is) and names the data file and, for an indicator,
// its name; `code` says which row failed (scoring-failed for an indicator,
// -funds, -total), so the renderer words the row in the reader's language.
Diagnostic formula_error(const ProjectData& data, std::string code, const std::string* indicator,
                         const EvalError& e) {
  std::vector<std::string> args{data.file, data.project};
  if (indicator) {
    args.push_back(*indicator);
  }
  return Diagnostic{Severity::error,      std::move(code), e.range, data.file, std::move(args), {},
                    Cause{e.code, e.args}};
}

Diagnostic formula_error(const ProjectData& data, const std::string& indicator,
                         const EvalError& e) {
  return formula_error(data, "scoring-failed", &indicator, e);
}

// Values enter formulas as numbers with units; a percentage is a plain number.
Scalar to_scalar(const Value& value) {
  if (const auto* q = std::get_if<Quantity>(&value)) {
    return Number{q->amount, q->unit == "%" ? std::string_view{} : std::string_view{q->unit}};
  }
  if (const auto* d = std::get_if<Date>(&value)) {
    return *d;
  }
  return std::string_view{std::get<Word>(value).text};
}

const Grade* find_grade(const CompiledIndicator& indicator, const Value& actual) {
  const auto* word = std::get_if<Word>(&actual);
  if (!word) {
    return nullptr;
  }
  const auto it = std::find_if(indicator.grades->begin(), indicator.grades->end(),
                               [&](const Grade& g) { return g.word == word->text; });
  return it == indicator.grades->end() ? nullptr : &*it;
}

// The target's operator applied to the actual value: the default `met`.
bool default_met(CompareOp op, const Value& target, const Value& actual, const Grade* grade) {
  if (grade) {
    return grade->share >= Rational(1);
  }
  if (const auto* t = std::get_if<Word>(&target)) {
    const auto* a = std::get_if<Word>(&actual);
    return a && a->text == t->text;
  }
  std::strong_ordering order = std::strong_ordering::equal;
  if (const auto* t = std::get_if<Quantity>(&target)) {
    order = std::get<Quantity>(actual).amount <=> t->amount;
  } else {
    order = std::get<Date>(actual) <=> std::get<Date>(target);
  }
  switch (op) {
    case CompareOp::ge:
      return order >= 0;
    case CompareOp::gt:
      return order > 0;
    case CompareOp::le:
      return order <= 0;
    case CompareOp::lt:
      return order < 0;
    case CompareOp::eq:
    case CompareOp::none:
      return order == 0;
  }
  return false;
}

Step formula_step(std::string quantity, const Formula& formula, const Bindings& b, bool as_percent,
                  Lang lang) {
  return Step{std::move(quantity), formula.range(), {}, formula.explain(b, as_percent, lang)};
}

// The built-in `met`: the target's operator applied to the actual value.
Step builtin_met_step(const ast::Target& target, const Value& actual, bool met, const Grade* grade,
                      Lang lang) {
  Step step{"met", std::nullopt, {}, {}};
  if (grade) {
    step.builtin = "grade >= 100%";
    step.working.filled = grade->word + " = " + show(Number{grade->share, {}}, true, lang);
  } else {
    const std::string_view op = target.op == CompareOp::none ? "=" : to_string(target.op);
    step.builtin = "actual " + std::string(op) + " target";
    step.working.filled =
        to_display(actual) + " " + std::string(op) + " " + to_display(target.value);
  }
  step.working.result = show(met, false, lang);
  return step;
}

void score_funds(const CompiledPolicy& policy, const ProjectData& data, ProjectResult& result,
                 DiagnosticSink& sink, const ScoreOptions& options) {
  FundsResult& funds = result.funds;
  funds.weight = policy.funds.weight;
  funds.planned = data.funds.planned;
  funds.budget = data.funds.budget;
  funds.executed = data.funds.executed;
  funds.reported = data.funds.reported;
  funds.explanation.assign(data.funds.explanation);
  funds.explanation_present = policy.explains(data.funds.explanation);
  Bindings b;
  b.set(Variable::weight, Number{policy.funds.weight, {}});
  b.set(Variable::planned, Number{data.funds.planned, {}});
  b.set(Variable::budget, Number{data.funds.budget, {}});
  b.set(Variable::executed, Number{data.funds.executed, {}});
  b.set_funds_rows(data.funds.sources);
  try {
    funds.rate = policy.funds.rate.evaluate_number(b).value;
    b.set(Variable::rate, Number{funds.rate, {}});
    const Rational score = policy.funds.score.evaluate_number(b).value;
    funds.score = policy.round_score(score);
    b.set(Variable::score, Number{score, {}});
    if (policy.funds.explain_when) {
      funds.explanation_required = policy.funds.explain_when->evaluate_bool(b);
    }
    if (options.explain) {
      funds.steps.push_back(formula_step("rate", policy.funds.rate, b, true, options.lang));
      funds.steps.push_back(formula_step("score", policy.funds.score, b, false, options.lang));
      if (policy.funds.explain_when) {
        funds.steps.push_back(
            formula_step("explain", *policy.funds.explain_when, b, false, options.lang));
      }
    }
    funds.scored = true;
  } catch (const EvalError& e) {
    sink.report(formula_error(data, "scoring-failed-funds", nullptr, e));
  } catch (const ArithmeticError& e) {
    sink.report(formula_error(data, "scoring-failed-funds", nullptr,
                              EvalError{"arithmetic-overflow", policy.range, {e.what()}}));
  }
}

// The total: the indicator scores (as rounded) and the funds score added
// up, or what the policy's `total =` makes of them (a cap by execution
// rate, a rescale for indicators that do not apply).
bool compute_total(const CompiledPolicy& policy, ProjectResult& result, const ProjectData& data,
                   DiagnosticSink& sink, const ScoreOptions& options) {
  RationalSum sum;
  RationalSum applicable_sum;
  applicable_sum += result.funds.weight;
  for (const auto& r : result.indicators) {
    if (r.applicable) {
      sum += r.score_rounded;
      applicable_sum += r.weight;
    }
  }
  if (!policy.total_formula) {
    sum += result.funds.score;
    result.total = sum.value();
    return true;
  }
  const Rational indicators = sum.value();
  const Rational applicable = applicable_sum.value();
  Bindings b;
  b.set(Variable::indicators, Number{indicators, {}});
  b.set(Variable::funds_score, Number{result.funds.score, {}});
  b.set(Variable::funds_rate, Number{result.funds.rate, {}});
  b.set(Variable::full_marks, Number{result.full_marks, {}});
  b.set(Variable::applicable, Number{applicable, {}});
  try {
    result.total = policy.round_score(policy.total_formula->evaluate_number(b).value);
    if (options.explain) {
      result.total_step = Step{"total",
                               policy.total_formula->range(),
                               {},
                               policy.total_formula->explain(b, false, options.lang)};
    }
    return true;
  } catch (const EvalError& e) {
    sink.report(formula_error(data, "scoring-failed-total", nullptr, e));
  } catch (const ArithmeticError& e) {
    sink.report(formula_error(data, "scoring-failed-total", nullptr,
                              EvalError{"arithmetic-overflow", policy.range, {e.what()}}));
  }
  return false;
}

// Data rows in the order the project type declares its indicators, the
// usual case, need no lookup by name.
bool rows_in_declared_order(const CompiledProject& project, const ProjectData& data) {
  if (data.indicators.size() != project.indicators.size()) {
    return false;
  }
  for (std::size_t k = 0; k < data.indicators.size(); ++k) {
    if (data.indicators[k].name != project.indicators[k].decl->name.text) {
      return false;
    }
  }
  return true;
}

// `50` against `>= 50个`: an actual written as a bare number takes the
// target's unit as the target writes it (so `2.42` against `>= 2.3万人` is
// 2.42万人, and `96` against `>= 90%` is 96%). Nothing for any other actual.
std::optional<ParsedValue> with_target_unit(const IndicatorData& input, const ast::Target& target) {
  const auto* actual = std::get_if<Quantity>(&input.actual.value);
  const auto* wanted = std::get_if<Quantity>(&target.value);
  if (!actual || !wanted || !actual->unit.empty() || wanted->unit.empty()) {
    return std::nullopt;
  }
  std::string_view unit = target.text;
  const auto skip = [&unit](std::string_view chars) {
    unit.remove_prefix(std::min(unit.find_first_not_of(chars), unit.size()));
  };
  skip("<>=≤≥ \t");
  skip("0123456789.,-");
  skip(" \t");
  std::string_view written = input.actual_text;
  while (!written.empty() && (written.back() == ' ' || written.back() == '\t')) {
    written.remove_suffix(1);
  }
  if (unit.empty() || written.empty()) {
    return std::nullopt;
  }
  const auto parsed = parse_value(std::string(written) + std::string(unit));
  const auto* value = std::get_if<ParsedValue>(&parsed);
  return value && std::holds_alternative<Quantity>(value->value) ? std::optional(*value)
                                                                 : std::nullopt;
}

}  // namespace

void score_indicator(const CompiledProject& project, const CompiledIndicator& indicator,
                     const IndicatorData& input, const ProjectData& data, IndicatorResult& result,
                     DiagnosticSink& sink, const ScoreOptions& options) {
  const ast::Indicator& decl = *indicator.decl;
  const CompiledPolicy& policy = *project.policy;
  const Value& target = decl.target.value;
  const std::optional<ParsedValue> borrowed_unit = with_target_unit(input, decl.target);
  const Value& actual = borrowed_unit ? borrowed_unit->value : input.actual.value;
  if (borrowed_unit && options.explain) {
    result.steps.push_back(
        Step{"actual", std::nullopt,
             options.lang == Lang::zh ? "业绩值未写单位，取目标值的单位"
                                      : "a bare number takes the target's unit",
             Working{{}, input.actual_text, to_display(actual), input.actual_text}});
  }
  // The printed score, read once: the `entered` of a method that checks a
  // hand-entered score, the audit below, and the printed scores' sum.
  const PrintedFigure printed_score = read_printed_number(input.reported.score);
  result.entered = printed_score.number();
  const std::optional<Rational>& entered = result.entered;
  if (const auto* word = std::get_if<Word>(&actual);
      word && std::find(policy.skip_words.begin(), policy.skip_words.end(), word->text) !=
                  policy.skip_words.end()) {
    result.applicable = false;
    result.scored = true;
    return;
  }
  if (const auto* word = std::get_if<Word>(&actual);
      word && (word->text == "/" || word->text == "-" || word->text == "—")) {
    sink.report(data_error(data, "data-not-applicable-undeclared",
                           {data.project, std::string(decl.name.text), word->text, policy.name}));
    return;
  }
  const Grade* grade = find_grade(indicator, actual);

  if (std::holds_alternative<Word>(actual) && !grade) {
    std::string known;
    for (const auto& g : *indicator.grades) {
      known += (known.empty() ? "" : "、") + g.word;
    }
    sink.report(data_error(data, "data-unknown-grade",
                           {data.project, std::string(decl.name.text), input.actual_text, known}));
    return;
  }
  if (!grade && std::holds_alternative<Word>(target)) {
    sink.report(data_error(data, "data-qualitative-needs-grade",
                           {data.project, std::string(decl.name.text),
                            std::string(decl.target.text), input.actual_text}));
    return;
  }
  if (!grade && !comparable(target, actual)) {
    sink.report(data_error(data, "data-unit-mismatch",
                           {data.project, std::string(decl.name.text), input.actual_text,
                            std::string(decl.target.text), unit_of(actual), unit_of(target)}));
    return;
  }

  Bindings b;
  b.set(Variable::weight, Number{decl.weight, {}});
  b.set(Variable::target, to_scalar(target));
  b.set(Variable::actual, to_scalar(actual));
  b.set(Variable::graded, grade != nullptr);
  if (grade) {
    b.set(Variable::grade, Number{grade->share, {}});
    b.set(Variable::grade_low, Number{grade->low, {}});
    b.set(Variable::grade_high, Number{grade->share, {}});
  }
  b.set(Variable::lower_is_better,
        decl.target.op == CompareOp::le || decl.target.op == CompareOp::lt);
  // The score entered by hand: unset when the data gives none, so a method
  // that reads it fails below with a data error, and one that does not is
  // not bothered.
  if (entered) {
    b.set(Variable::entered, Number{*entered, {}});
  }
  try {
    // Requirements first, in order: the first that does not hold stops the
    // indicator, with the rule and its values in the message.
    for (const Formula& requirement : indicator.method->requirements) {
      if (options.explain) {
        result.steps.push_back(formula_step("require", requirement, b, false, options.lang));
      }
      if (!requirement.evaluate_bool(b)) {
        sink.report({Severity::error,
                     "requirement-not-met",
                     requirement.range(),
                     data.file,
                     {data.file, data.project, std::string(decl.name.text),
                      requirement.explain(b, false, Lang::en).filled,
                      requirement.explain(b, false, Lang::zh).filled},
                     {}});
        return;
      }
    }
    result.met = indicator.method->met ? indicator.method->met->evaluate_bool(b)
                                       : default_met(decl.target.op, target, actual, grade);
    b.set(Variable::met, result.met);
    result.rate = indicator.method->rate.evaluate_number(b).value;
    b.set(Variable::rate, Number{result.rate, {}});
    result.score = indicator.method->score.evaluate_number(b).value;
    result.score_rounded = policy.round_score(result.score);
    b.set(Variable::score, Number{result.score, {}});
    if (indicator.explain_when) {
      result.explanation_required = indicator.explain_when->evaluate_bool(b);
    }
    if (options.explain) {
      const CompiledMethod& method = *indicator.method;
      result.steps.push_back(
          method.met ? formula_step("met", *method.met, b, false, options.lang)
                     : builtin_met_step(decl.target, actual, result.met, grade, options.lang));
      result.steps.push_back(formula_step("rate", method.rate, b, true, options.lang));
      result.steps.push_back(formula_step("score", method.score, b, false, options.lang));
      if (indicator.explain_when) {
        result.steps.push_back(
            formula_step("explain", *indicator.explain_when, b, false, options.lang));
      }
    }
  } catch (const EvalError& e) {
    if (e.unset == Variable::entered) {
      if (input.reported.score) {
        // An empty printed score is one that cannot be read, not a missing one.
        report_unreadable(printed_score.reading == PrintedFigure::Reading::absent
                              ? PrintedFigure{PrintedFigure::Reading::not_a_number, {}}
                              : printed_score,
                          *input.reported.score, {FigurePlace::Row::indicator, decl.name.text},
                          data, sink);
      } else {
        sink.report(data_error(data, "data-missing-entered-score",
                               {data.project, std::string(decl.name.text)}));
      }
    } else {
      sink.report(formula_error(data, std::string(decl.name.text), e));
    }
    return;
  } catch (const ArithmeticError& e) {
    sink.report(
        formula_error(data, std::string(decl.name.text),
                      EvalError{"arithmetic-overflow", indicator.method->range, {e.what()}}));
    return;
  }
  result.graded = grade != nullptr;
  result.scored = true;
  audit_indicator(input.reported, printed_score, policy.rate_digits, data, result, sink);
}

std::size_t ProjectResult::explanations_missing() const {
  // The funds' explanation counts too, when the policy requires one; one
  // given where none is required is not counted as unneeded.
  return static_cast<std::size_t>(
      (funds.explanation_missing() ? 1 : 0) +
      std::count_if(indicators.begin(), indicators.end(),
                    [](const IndicatorResult& i) { return i.explanation_missing(); }));
}

std::size_t ProjectResult::explanations_unneeded() const {
  return static_cast<std::size_t>(
      std::count_if(indicators.begin(), indicators.end(), [](const IndicatorResult& i) {
        return i.scored && !i.explanation_required && i.explanation_present;
      }));
}

std::size_t ProjectResult::differences() const {
  std::size_t n = funds.differences.size() + (total_difference ? 1 : 0);
  for (const auto& i : indicators) {
    n += i.differences.size();
  }
  return n;
}

bool ProjectResult::reported_sum_mismatch() const {
  if (!reported_total_value) {
    return false;
  }
  if (reported_sum) {
    return *reported_total_value != *reported_sum;
  }
  return reported_partial_sum && (*reported_total_value < *reported_partial_sum ||
                                  *reported_total_value > *reported_partial_sum + unprinted_weight);
}

namespace {

// The project type `data` is scored against: the rules' own, or the table's
// indicators compiled into `table`; null (with the reason reported) when
// there is none.
const CompiledProject* project_for(const Program& program, const ProjectData& data,
                                   CarriedTable& table, DiagnosticSink& sink,
                                   const ScoreOptions& options, bool& declared) {
  declared = true;
  if (const CompiledProject* project =
          program.project_for_table(data.project, table.declared_storage())) {
    return project;
  }
  declared = false;
  if (program.is_broken(data.project)) {
    sink.report(data_error(data, "data-project-has-rule-errors", {data.project}));
    return nullptr;
  }
  if (data.carries_table()) {
    return table.compile(program, data, data.policy.empty() ? options.policy : data.policy, sink);
  }
  if (auto suggestion = closest_name(data.project, program.project_name_views())) {
    sink.report(data_error(data, "data-unknown-project-suggest", {data.project, *suggestion}));
  } else {
    sink.report(data_error(data, "data-unknown-project", {data.project}));
  }
  return nullptr;
}

// `declared`: a project type of the rules, against which the fields a table
// gives of its indicators are compared.
bool score_against(const CompiledProject& compiled, bool declared, const ProjectData& data,
                   ProjectResult& result, DiagnosticSink& sink, const ScoreOptions& options);

}  // namespace

bool score_project(const Program& program, const ProjectData& data, ProjectResult& result,
                   DiagnosticSink& sink, const ScoreOptions& options) {
  CarriedTable table;
  return score_project(program, data, result, table, sink, options);
}

bool score_project(const Program& program, const ProjectData& data, ProjectResult& result,
                   CarriedTable& table, DiagnosticSink& sink, const ScoreOptions& options) {
  bool declared = false;
  const CompiledProject* project = project_for(program, data, table, sink, options, declared);
  return project && score_against(*project, declared, data, result, sink, options);
}

namespace {

bool score_against(const CompiledProject& compiled, bool declared, const ProjectData& data,
                   ProjectResult& result, DiagnosticSink& sink, const ScoreOptions& options) {
  const CompiledProject* project = &compiled;
  const CompiledPolicy& policy = *project->policy;

  // A reset rather than a fresh result: a caller scoring many projects hands
  // the same result back, and its strings keep their storage.
  result.reset();
  result.file.assign(data.file);
  result.project.assign(data.project);
  result.kind.assign(data.kind.empty() ? std::string_view("project") : std::string_view(data.kind));
  result.policy.assign(policy.name);
  result.year = data.year;
  if (options.keep_text) {
    result.department.assign(data.department);
    result.implementer.assign(data.implementer);
    result.funds_sources.assign(data.funds.sources.begin(), data.funds.sources.end());
    result.goals_planned.assign(data.goals_planned);
    result.goals_achieved.assign(data.goals_achieved);
  } else {
    result.funds_sources.clear();
  }
  result.score_digits = policy.score_digits;
  result.rate_digits = policy.rate_digits;
  result.reported_total = data.reported_total;
  result.full_marks = project->full_marks;

  bool complete = true;
  score_funds(policy, data, result, sink, options);
  audit_funds(policy.rate_digits, data, result.funds, sink);
  audit_funds_rows(data, result.funds, sink);
  complete &= result.funds.scored;

  // Match data rows to declared indicators: by position when they come in
  // the declared order, else by name, reporting every mismatch.
  const std::size_t count = project->indicators.size();
  std::vector<const IndicatorData*> rows;
  const bool in_order = rows_in_declared_order(*project, data);
  if (!in_order) {
    rows.assign(count, nullptr);
    for (const auto& row : data.indicators) {
      const auto index = project->find_indicator(row.name);
      if (!index) {
        std::vector<std::string> names;
        for (const auto& indicator : project->indicators) {
          names.push_back(std::string(indicator.decl->name.text));
        }
        if (auto suggestion = closest_name(row.name, names)) {
          sink.report(data_error(data, "data-unknown-indicator-suggest",
                                 {data.project, row.name, *suggestion}));
        } else {
          sink.report(data_error(data, "data-unknown-indicator", {data.project, row.name}));
        }
        complete = false;
        continue;
      }
      if (rows[*index]) {
        sink.report(data_error(data, "data-duplicate-indicator", {data.project, row.name}));
        complete = false;
        continue;
      }
      rows[*index] = &row;
    }
  }

  result.indicators.resize(count);
  for (std::size_t k = 0; k < count; ++k) {
    const CompiledIndicator& indicator = project->indicators[k];
    const ast::Indicator& decl = *indicator.decl;
    IndicatorResult& r = result.indicators[k];
    r.name.assign(decl.name.text);
    r.weight = decl.weight;
    if (options.keep_text) {
      r.category1.assign(decl.category1.text);
      r.category2.assign(decl.category2.text);
      r.target.assign(decl.target.text);
      r.method.assign(decl.method.text);
    }
    const IndicatorData* row = in_order ? &data.indicators[k] : rows[k];
    if (!row) {
      sink.report(
          data_error(data, "data-missing-indicator", {data.project, std::string(decl.name.text)}));
      complete = false;
      continue;
    }
    if (options.keep_text) {
      r.actual.assign(row->actual_text);
      r.explanation.assign(row->explanation);
      r.reported = row->reported;
    }
    r.explanation_present = policy.explains(row->explanation);
    if (declared &&
        (row->carries_definition() || !row->category1.empty() || !row->category2.empty())) {
      report_table_differences(decl, data, *row, sink);
    }
    score_indicator(*project, indicator, *row, data, r, sink, options);
    complete &= r.scored;
  }

  result.complete = complete;
  if (complete && !compute_total(policy, result, data, sink, options)) {
    result.complete = false;
  }
  if (result.complete) {
    const Rational& total = *result.total;
    for (const auto& band : policy.bands) {
      if (total >= band.threshold) {
        result.band = band.label;
        break;
      }
    }
  }
  audit_total(data, result, sink);
  return true;
}

}  // namespace

std::optional<ProjectResult> score_project(const Program& program, const ProjectData& data,
                                           DiagnosticSink& sink, const ScoreOptions& options) {
  ProjectResult result;
  if (!score_project(program, data, result, sink, options)) {
    return std::nullopt;
  }
  return result;
}

}  // namespace perfeval
