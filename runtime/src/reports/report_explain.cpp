// `perfeval explain`: each figure of a project as a finance officer works it
// out by hand — "完成率 = 153家 ÷ 150家 = 102.00%；得分 = 10 × (1 − 2.00%) =
// 9.80" — under each scoring method's formulas, written out once.

#include <fmt/format.h>

#include <algorithm>

#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/words.hpp"
#include "working_text.hpp"

namespace perfeval {
namespace {

Term quantity_term(std::string_view quantity) {
  if (quantity == "met") {
    return Term::quantity_met;
  }
  if (quantity == "rate") {
    return Term::rate;
  }
  if (quantity == "explain") {
    return Term::quantity_explain;
  }
  if (quantity == "require") {
    return Term::quantity_require;
  }
  return Term::score;
}

// A scoring method as the shown figures used it: its name and the formulas
// of its steps, where they are written. The same method name with other
// formulas (another policy's) is another method here.
struct MethodShown {
  std::string name;
  std::vector<const Step*> steps;  // those with a formula
  std::vector<std::pair<FileId, std::uint32_t>> key;
};

MethodShown method_of(std::string name, const std::vector<Step>& steps) {
  MethodShown m{std::move(name), {}, {}};
  for (const auto& step : steps) {
    if (step.formula) {
      m.steps.push_back(&step);
      m.key.emplace_back(step.formula->file, step.formula->begin);
    }
  }
  return m;
}

void add_method(std::vector<MethodShown>& methods, MethodShown m) {
  if (!m.steps.empty() && std::none_of(methods.begin(), methods.end(), [&](const MethodShown& x) {
        return x.name == m.name && x.key == m.key;
      })) {
    methods.push_back(std::move(m));
  }
}

// "rules/新疆2024.perf:41": where the method's first formula is written.
std::string written_at(const MethodShown& m, const SourceManager& sources) {
  const Source& source = sources.get(m.steps.front()->formula->file);
  return fmt::format("{}:{}", source.name(), source.position(m.steps.front()->formula->begin).line);
}

void write_methods(std::ostream& out, const std::vector<MethodShown>& methods,
                   const SourceManager& sources, Words w) {
  if (methods.empty()) {
    return;
  }
  out << w[Term::scoring_methods] << "\n";
  for (const auto& m : methods) {
    out << fmt::format("  {}  ({})\n", m.name, written_at(m, sources));
    for (const Step* step : m.steps) {
      out << fmt::format("    {} = {}\n", w[quantity_term(step->quantity)],
                         rule_text(*step, sources));
    }
  }
  out << "\n";
}

// The arithmetic of one step: "完成率 = 153家 ÷ 150家 = 102.00%". A score
// shows the figure the table keeps, with its rounding when that changed it.
std::string arithmetic(const Step& step, const Rational* kept, int score_digits, Words w) {
  std::string out = fmt::format("{} = ", w[quantity_term(step.quantity)]);
  const std::string& plain = step.working.plain.empty() ? step.working.filled : step.working.plain;
  if (plain != step.working.result) {
    out += plain + " = ";
  }
  if (kept && step.quantity == "score") {
    const std::string shown = kept->to_fixed(score_digits);
    if (step.working.result == kept->to_string()) {
      return out + shown;
    }
    return out + step.working.result + " → " + shown + " (" +
           fmt::format(fmt::runtime(w[Term::rounded_to]), score_digits) + ")";
  }
  return out + step.working.result;
}

// A yes-or-no step as a sentence: "是否达标：153家 ≥ 150家，是".
std::string decision(const Step& step, Words w) {
  std::string working = step.working.plain;
  if (working.empty()) {  // the built-in met writes only `filled`
    working = step.working.filled;
    for (const auto& [from, to] :
         {std::pair{">=", "≥"}, std::pair{"<=", "≤"}, std::pair{"!=", "≠"}}) {
      for (auto at = working.find(from); at != std::string::npos; at = working.find(from, at)) {
        working.replace(at, 2, to);
      }
    }
  }
  return fmt::format("{}{}{}{}{}", w[quantity_term(step.quantity)], w[Term::label_separator],
                     working, w[Term::clause_separator], step.working.result);
}

// Two lines under an indicator or the funds: the figures, then the
// decisions (met, explanation required, a method's requirements).
void write_steps(std::ostream& out, const std::vector<Step>& steps, const Rational& kept,
                 int score_digits, Words w, std::string_view explanation_note) {
  std::string figures, decisions;
  for (const auto& step : steps) {
    const bool figure = step.quantity == "rate" || step.quantity == "score";
    std::string& line = figure ? figures : decisions;
    line += line.empty() ? "    " : std::string(w[Term::list_separator]);
    line += figure ? arithmetic(step, &kept, score_digits, w) : decision(step, w);
  }
  if (!explanation_note.empty()) {
    decisions += decisions.empty() ? "    " : std::string(w[Term::list_separator]);
    decisions += explanation_note;
  }
  for (const std::string* line : {&figures, &decisions}) {
    if (!line->empty()) {
      out << *line << "\n";
    }
  }
}

}  // namespace

void write_explanation(std::ostream& out, const RunResults& results, const SourceManager& sources,
                       const TextOptions& options, const ExplainFilter& filter) {
  const Words w(options.lang);
  const auto shown_project = [&](const ProjectResult& p) {
    return filter.project.empty() || p.project == filter.project;
  };
  const auto shown_indicator = [&](const IndicatorResult& i) {
    return filter.indicator.empty() || i.name == filter.indicator;
  };

  // Each method's formulas once, before the figures that use them.
  std::vector<MethodShown> methods;
  for (const auto& p : results.projects) {
    if (!shown_project(p)) {
      continue;
    }
    if (filter.indicator.empty()) {
      add_method(methods,
                 method_of(fmt::format("{} · {}", w[Term::budget_execution_in_text], p.policy),
                           p.funds.steps));
    }
    for (const auto& i : p.indicators) {
      if (shown_indicator(i) && i.scored) {
        add_method(methods, method_of(i.method, i.steps));
      }
    }
  }
  write_methods(out, methods, sources, w);

  bool any = false;
  for (const auto& p : results.projects) {
    if (!shown_project(p)) {
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
      write_steps(out, p.funds.steps, p.funds.score, p.score_digits, w, "");
    }
    for (const auto& i : p.indicators) {
      if (!shown_indicator(i)) {
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
      std::string_view note;
      if (i.explanation_required) {
        note = i.explanation_present ? w[Term::explanation_given] : w[Term::explanation_not_given];
      } else if (i.explanation_present) {
        note = w[Term::explanation_unneeded_note];
      }
      write_steps(out, i.steps, i.score_rounded, p.score_digits, w, note);
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
