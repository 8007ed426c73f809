// `perfeval explain`: each figure of a project with the rule that gave it and
// the arithmetic, so a finance officer can follow a score by hand.

#include <fmt/format.h>

#include "perfeval/runtime/words.hpp"
#include "perfeval/runtime/report.hpp"
#include "working_text.hpp"

namespace perfeval {
namespace {

void write_steps(std::ostream& out, const std::vector<Step>& steps, const SourceManager& sources,
                 const Rational& rounded_score, int score_digits, Words w) {
  for (const auto& step : steps) {
    std::string line = "    " + working_line(step, sources);
    if (step.quantity == "score") {
      const std::string shown = rounded_score.to_fixed(score_digits);
      if (shown != step.working.result) {
        line += " → " + shown + " (" +
                fmt::format(fmt::runtime(w[Term::rounded_to]), score_digits) + ")";
      }
    }
    out << line << "\n";
  }
}

}  // namespace

void write_explanation(std::ostream& out, const RunResults& results, const SourceManager& sources,
                       const TextOptions& options, const ExplainFilter& filter) {
  const Words w(options.lang);
  bool any = false;
  for (const auto& p : results.projects) {
    if (!filter.project.empty() && p.project != filter.project) {
      continue;
    }
    bool header = false;
    const auto project_header = [&] {
      if (!header) {
        out << fmt::format("{}  ({})\n", p.project, p.file);
        header = true;
      }
    };
    if (filter.indicator.empty()) {
      project_header();
      out << fmt::format("  {}  {} {}\n", w[Term::budget_execution_in_text],
                         w[Term::weight_in_text], p.funds.weight.to_string());
      write_steps(out, p.funds.steps, sources, p.funds.score, p.score_digits, w);
    }
    for (const auto& i : p.indicators) {
      if (!filter.indicator.empty() && i.name != filter.indicator) {
        continue;
      }
      project_header();
      any = true;
      out << fmt::format("  {}  {} {}  {} {}  {} {}  {} {}\n", i.name, w[Term::weight_in_text],
                         i.weight.to_string(), w[Term::target_in_text], i.target,
                         w[Term::actual_in_text], i.actual, w[Term::method], i.method);
      if (!i.scored) {
        out << "    " << w[Term::not_scored] << "\n";
        continue;
      }
      write_steps(out, i.steps, sources, i.score_rounded, p.score_digits, w);
      if (i.explanation_required) {
        out << "    "
            << (i.explanation_present ? w[Term::explanation_given] : w[Term::explanation_not_given])
            << "\n";
      }
    }
    if (header) {
      any = true;
      out << "\n";
    }
  }
  if (!any) {
    out << w[Term::no_match] << "\n";
  }
}

}  // namespace perfeval
