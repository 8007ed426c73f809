#pragma once

// Scoring: one project's data against its compiled project type.

#include <optional>
#include <string>
#include <vector>

#include "perfeval/runtime/carried_table.hpp"
#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/program.hpp"

namespace perfeval {

// A figure printed in the table that the rules do not give.
struct Difference {
  std::string field;     // "rate", "score", "total"
  std::string reported;  // as printed: "3.9"
  Rational computed;     // rounded as the policy shows it
  Rational difference;   // reported - computed
};

// One line of a worked explanation: which quantity, the formula that gave
// it, and the arithmetic with the values filled in.
struct Step {
  std::string quantity;                // "met", "rate", "score", "explain"
  std::optional<SourceRange> formula;  // where the rule is written; absent for the built-in met
  std::string builtin;  // the built-in rule when there is no formula: "actual >= target"
  Working working;
};

struct IndicatorResult {
  std::string category1;
  std::string category2;
  std::string name;
  Rational weight;
  std::string target;  // as written in the rule file
  std::string method;
  std::string actual;   // as written in the data file
  bool scored = false;  // false when an error stopped this indicator
  // false when the actual is a skip word (不适用): no score, no weight
  bool applicable = true;
  bool met = false;
  bool graded = false;
  Rational rate;           // unrounded
  Rational score;          // unrounded
  Rational score_rounded;  // as the policy rounds it; this is what adds up
  bool explanation_required = false;
  bool explanation_present = false;
  std::string explanation;
  Reported reported;
  // reported.score read as a number; absent when none was printed or it
  // could not be read.
  std::optional<Rational> entered;
  std::vector<Difference> differences;
  std::vector<Step> steps;  // only when scored with ScoreOptions::explain

  // Ready for the next project as a fresh result, strings and lists keeping
  // their storage. Every field above must be reset here: a field left out
  // carries one project's figure into the next table of a batch.
  void reset() {
    category1.clear();
    category2.clear();
    name.clear();
    weight = Rational();
    target.clear();
    method.clear();
    actual.clear();
    scored = false;
    applicable = true;
    met = false;
    graded = false;
    rate = Rational();
    score = Rational();
    score_rounded = Rational();
    explanation_required = false;
    explanation_present = false;
    explanation.clear();
    reported = Reported{};
    entered.reset();
    differences.clear();
    steps.clear();
  }

  // Scored, a deviation explanation required, and none given.
  bool explanation_missing() const {
    return scored && explanation_required && !explanation_present;
  }
};

// The funds block's rows under its total (上级资金/本级资金/其他资金, or
// 其中：当年财政拨款/上年结转资金/其他资金) against the total row, one column
// (年初预算数, 全年预算数, 全年执行数) at a time.
struct FundsRowsFinding {
  std::string column;  // "planned", "budget", "executed"
  std::string row;     // the row larger than the total; empty when the rows' sum differs
  Rational total;      // the total row's figure
  Rational rows;       // the rows added up, or the one row's figure
};

struct FundsResult {
  Rational weight;
  Rational planned;
  Rational budget;
  Rational executed;
  bool scored = false;
  Rational rate;
  Rational score;  // rounded as the policy rounds scores
  bool explanation_required = false;
  bool explanation_present = false;  // the data's funds.explanation
  std::string explanation;
  Reported reported;
  // reported.score read as a number; absent when none was printed or it
  // could not be read.
  std::optional<Rational> reported_score_value;
  std::vector<Difference> differences;
  std::vector<FundsRowsFinding> rows_findings;  // rows that do not add up to the total
  std::vector<std::string> rows_not_checked;    // columns where a row gives no amount
  std::vector<Step> steps;

  // Ready for the next project as a fresh result, strings and lists keeping
  // their storage. Every field above must be reset here.
  void reset() {
    weight = Rational();
    planned = Rational();
    budget = Rational();
    executed = Rational();
    scored = false;
    rate = Rational();
    score = Rational();
    explanation_required = false;
    explanation_present = false;
    explanation.clear();
    reported = Reported{};
    reported_score_value.reset();
    differences.clear();
    rows_findings.clear();
    rows_not_checked.clear();
    steps.clear();
  }

  // Scored, an explanation required (`funds { explain when … }`), none given.
  bool explanation_missing() const {
    return scored && explanation_required && !explanation_present;
  }
};

struct ProjectResult {
  std::string file;
  std::string project;
  std::string kind;
  std::string policy;
  std::optional<int> year;
  std::string department;
  std::string implementer;
  int score_digits = 2;
  int rate_digits = 2;
  FundsResult funds;
  std::vector<FundsSource> funds_sources;  // the 其中 rows under 年度资金总额, as printed
  std::string goals_planned;               // 年度总体目标: 预期目标
  std::string goals_achieved;              // 年度总体目标: 实际完成情况
  std::vector<IndicatorResult> indicators;
  Rational full_marks;    // the weights of the indicators and the funds added up
  bool complete = false;  // every figure was computed; otherwise total is absent
  std::optional<Rational> total;
  std::optional<Step> total_step;  // when the policy's `total =` made it, with explain
  std::optional<std::string> band;
  std::optional<std::string> reported_total;
  // reported_total read as a number; absent when none was printed or it
  // could not be read.
  std::optional<Rational> reported_total_value;
  std::optional<Difference> total_difference;
  // The printed scores (indicators and funds) added up, when every one was
  // printed; a table whose printed total is not this sum does not add up.
  std::optional<Rational> reported_sum;
  // When some rows that score print none: the printed scores there are,
  // added up, and the most the others could add (their weights), so that a
  // printed total out of that reach is still found.
  std::optional<Rational> reported_partial_sum;
  Rational unprinted_weight;

  // Ready for the next project as a fresh result, strings and lists keeping
  // their storage. Every field above must be reset here. The two lists keep
  // their length, each element reset, so that their strings keep their
  // storage too: score_project() gives them the next project's length.
  void reset() {
    file.clear();
    project.clear();
    kind.clear();
    policy.clear();
    year.reset();
    department.clear();
    implementer.clear();
    score_digits = 2;
    rate_digits = 2;
    funds.reset();
    for (FundsSource& source : funds_sources) {
      source.name.clear();
      source.planned.clear();
      source.budget.clear();
      source.executed.clear();
    }
    goals_planned.clear();
    goals_achieved.clear();
    for (IndicatorResult& indicator : indicators) {
      indicator.reset();
    }
    full_marks = Rational();
    complete = false;
    total.reset();
    total_step.reset();
    band.reset();
    reported_total.reset();
    reported_total_value.reset();
    total_difference.reset();
    reported_sum.reset();
    reported_partial_sum.reset();
    unprinted_weight = Rational();
  }

  std::size_t explanations_missing() const;
  std::size_t explanations_unneeded() const;  // given where no deviation exists
  std::size_t differences() const;
  // The printed total is not the printed scores' sum, or, when some rows
  // print no score, lies out of the reach of the scores there are.
  bool reported_sum_mismatch() const;
};

struct ScoreOptions {
  bool explain = false;  // write down the working of every figure (slower)
  Lang lang = Lang::zh;  // for the working's words (是/否)
  // Copy the text only reports show (主管部门, 实施单位, 年度总体目标, the
  // 其中 funds rows, each explanation's words, each indicator's categories,
  // target, method, actual value and printed figures as written) into the
  // result; a stream that writes figures only goes without. Differences
  // keep their printed figure either way.
  bool keep_text = true;
  // The policy that scores a table carrying its own indicators and naming
  // none (`--policy NAME`); a table's own "policy" comes first.
  std::string policy = {};
};

// Scores one indicator of `project` as score_project does, reading the
// actual value and explanation from `input` and writing into `result`
// (whose declaration fields the caller fills in). Problems go to `sink`.
void score_indicator(const CompiledProject& project, const CompiledIndicator& indicator,
                     const IndicatorData& input, const ProjectData& data, IndicatorResult& result,
                     DiagnosticSink& sink, const ScoreOptions& options);

// Scores `data`: against the project type of the rules it names, or, for a
// table that carries its own indicators (docs/data-format.md) and names no
// declared type, against those indicators under its policy. A table that
// names a declared type and also gives weights, targets or methods is
// scored by the rules, with a warning for each field that differs.
// Problems (an unknown project type, a missing indicator, a unit that does
// not match, a formula that fails on these values) are reported to `sink`
// with the data file, project and indicator, and leave the result
// incomplete; nullopt when there is nothing to score the table against.
std::optional<ProjectResult> score_project(const Program& program, const ProjectData& data,
                                           DiagnosticSink& sink, const ScoreOptions& options = {});

// The same into `result`, which may hold an earlier project's result: its
// strings and lists are reused, so scoring project after project of the
// same types allocates nothing once they have grown. False when the project
// type is unknown (and `result` is then left as it was).
bool score_project(const Program& program, const ProjectData& data, ProjectResult& result,
                   DiagnosticSink& sink, const ScoreOptions& options = {});

// The same, compiling a table's own indicators into `table`, kept from
// call to call like `result`: what a worker scoring many tables that carry
// their indicators uses, so that it allocates nothing once grown.
bool score_project(const Program& program, const ProjectData& data, ProjectResult& result,
                   CarriedTable& table, DiagnosticSink& sink, const ScoreOptions& options = {});

}  // namespace perfeval
