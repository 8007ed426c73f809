// `perfeval audit`: what a reviewer at the finance bureau needs from a pile
// of tables: every printed figure the rules do not give, with the arithmetic
// behind the right one, and every explanation that is missing or not needed.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/words.hpp"
#include "working_text.hpp"

namespace perfeval {
namespace {

using nlohmann::json;

std::string shown(const Difference& d, int score_digits, int rate_digits, bool difference) {
  const Rational& value = difference ? d.difference : d.computed;
  return d.field == "rate" ? percent(value, rate_digits) : value.to_fixed(score_digits);
}

// The working of a computed figure, ending in the value as the policy shows it.
std::string computed_working(const std::vector<Step>& steps, const Difference& d,
                             const SourceManager& sources, int score_digits, int rate_digits) {
  const Step* step = find_step(steps, d.field);
  if (!step) {
    return {};
  }
  std::string line = working_line(*step, sources);
  const std::string rounded = shown(d, score_digits, rate_digits, false);
  if (step->working.result != rounded) {
    line += " → " + rounded;
  }
  return line;
}

std::string total_working(const ProjectResult& p, Words w, const SourceManager& sources) {
  if (p.total_step) {
    return working_line(*p.total_step, sources);
  }
  Rational indicators;
  for (const auto& i : p.indicators) {
    indicators += i.score_rounded;
  }
  return fmt::format("{} = {} {} + {} {} = {}", w[Term::total_in_text], w[Term::funds_score],
                     p.funds.score.to_fixed(p.score_digits), w[Term::indicator_scores],
                     indicators.to_fixed(p.score_digits), p.total->to_fixed(p.score_digits));
}

void write_difference(std::ostream& out, Words w, std::string_view subject, const Difference& d,
                      const ProjectResult& p, const std::string& working) {
  out << fmt::format("  {}  {}{}: {} {}, {} {}, {} {}\n", w[Term::differs],
                     subject.empty() ? "" : std::string(subject) + " ",
                     d.field == "rate"
                         ? w[Term::rate_in_text]
                         : (d.field == "total" ? w[Term::total_in_text] : w[Term::score_in_text]),
                     w[Term::reported], d.reported, w[Term::computed],
                     shown(d, p.score_digits, p.rate_digits, false), w[Term::difference],
                     shown(d, p.score_digits, p.rate_digits, true));
  if (!working.empty()) {
    out << "        " << working << "\n";
  }
}

// A row whose deviation needs an explanation and has none: its rate, and
// the working of the rule that requires one.
void write_missing(std::ostream& out, Words w, std::string_view name, const Rational& rate,
                   std::string_view written, const std::vector<Step>& steps, const ProjectResult& p,
                   const SourceManager& sources) {
  out << fmt::format("  {}  {}: {} {}, {}", w[Term::missing_explanation], name,
                     w[Term::rate_in_text], percent(rate, p.rate_digits),
                     w[Term::explanation_required]);
  // Text that the policy names a placeholder ("无"): say why it is not one.
  if (std::ranges::any_of(written,
                          [](char c) { return !std::isspace(static_cast<unsigned char>(c)); })) {
    out << fmt::format("; {}", fmt::format(fmt::runtime(w[Term::placeholder_given]), written));
  }
  out << "\n";
  if (const Step* explain = find_step(steps, "explain")) {
    out << "        " << working_line(*explain, sources) << "\n";
  }
}

// Rows that score (funds included) and print no readable score; a row not
// applicable has no score to print.
std::vector<std::string_view> rows_without_printed_score(const ProjectResult& p, Words w) {
  std::vector<std::string_view> rows;
  if (!p.funds.reported_score_value) {
    rows.push_back(w[Term::budget_execution_in_text]);
  }
  for (const auto& i : p.indicators) {
    if (!i.entered && i.applicable) {
      rows.push_back(i.name);
    }
  }
  return rows;
}

std::string joined(const std::vector<std::string_view>& names, Words w) {
  std::string out;
  for (const auto name : names) {
    out += out.empty() ? "" : std::string(w.lang() == Lang::zh ? "、" : ", ");
    out += name;
  }
  return out;
}

std::string_view column_word(std::string_view column, Words w) {
  return w[column == "planned" ? Term::planned
                               : (column == "budget" ? Term::budget : Term::executed)];
}

// The funds rows that do not add up to the total row, each a line.
void write_funds_rows(std::ostream& out, const ProjectResult& p, Words w) {
  for (const auto& f : p.funds.rows_findings) {
    const std::string line =
        f.row.empty()
            ? fmt::format(fmt::runtime(w[Term::funds_rows_sum]), column_word(f.column, w),
                          f.rows.to_fixed(2), f.total.to_fixed(2))
            : fmt::format(fmt::runtime(w[Term::funds_row_exceeds]), column_word(f.column, w), f.row,
                          f.rows.to_fixed(2), f.total.to_fixed(2));
    out << fmt::format("  {}  {}\n", w[Term::does_not_add_up], line);
  }
}

bool total_not_scored(const ProjectResult& p) {
  return !p.complete || !p.total;
}

// The sum is checked in full only when every row that scores prints a
// score; otherwise only its reach is (ProjectResult::reported_partial_sum).
bool sum_not_checked(const ProjectResult& p) {
  return p.reported_total_value && p.reported_partial_sum;
}

void write_not_checked(std::ostream& out, const ProjectResult& p, Words w) {
  if (!p.funds.scored) {
    out << fmt::format("  {}  {}: {}\n", w[Term::not_checked], w[Term::budget_execution_in_text],
                       w[Term::cannot_score]);
  }
  if (total_not_scored(p)) {
    out << fmt::format("  {}  {}: {}\n", w[Term::not_checked], w[Term::total_in_text],
                       w[Term::cannot_score]);
  }
  if (sum_not_checked(p)) {
    const auto rows = rows_without_printed_score(p, w);
    out << fmt::format("  {}  {}\n", w[Term::not_checked],
                       fmt::format(fmt::runtime(w[Term::scores_not_printed]), rows.size(),
                                   joined(rows, w), p.reported_partial_sum->to_string(),
                                   (*p.reported_partial_sum + p.unprinted_weight).to_string()));
  }
  for (const auto& column : p.funds.rows_not_checked) {
    out << fmt::format(
        "  {}  {}\n", w[Term::not_checked],
        fmt::format(fmt::runtime(w[Term::funds_rows_blank]), column_word(column, w)));
  }
}

void write_project_audit(std::ostream& out, const ProjectResult& p, const SourceManager& sources,
                         Words w) {
  out << fmt::format("{}  ({})\n", p.project, p.file);
  for (const auto& d : p.funds.differences) {
    write_difference(out, w, w[Term::budget_execution_in_text], d, p,
                     computed_working(p.funds.steps, d, sources, p.score_digits, p.rate_digits));
  }
  if (p.funds.explanation_missing()) {
    write_missing(out, w, w[Term::budget_execution_in_text], p.funds.rate, p.funds.explanation,
                  p.funds.steps, p, sources);
  }
  for (const auto& i : p.indicators) {
    if (!i.scored) {
      out << fmt::format("  {}  {}\n", w[Term::not_scored], i.name);
      continue;
    }
    for (const auto& d : i.differences) {
      write_difference(out, w, i.name, d, p,
                       computed_working(i.steps, d, sources, p.score_digits, p.rate_digits));
    }
    if (i.explanation_missing()) {
      write_missing(out, w, i.name, i.rate, i.explanation, i.steps, p, sources);
    } else if (!i.explanation_required && i.explanation_present) {
      out << fmt::format("  {}  {}: {} {}, {}: {}{}{}\n", w[Term::unneeded_explanation], i.name,
                         w[Term::rate_in_text], percent(i.rate, p.rate_digits),
                         w[Term::explanation_not_needed], w[Term::open_quote], i.explanation,
                         w[Term::close_quote]);
    }
  }
  if (p.total_difference && p.total) {
    write_difference(out, w, "", *p.total_difference, p, total_working(p, w, sources));
  }
  if (p.reported_sum_mismatch()) {
    const std::string sum = p.reported_sum
                                ? p.reported_sum->to_string()
                                : fmt::format("{} ({})", p.reported_partial_sum->to_string(),
                                              fmt::format(fmt::runtime(w[Term::rows_unprinted]),
                                                          rows_without_printed_score(p, w).size(),
                                                          p.unprinted_weight.to_string()));
    out << fmt::format("  {}  {} {} ≠ {} {}\n", w[Term::does_not_add_up],
                       w[Term::printed_scores_sum], sum, w[Term::total_in_text], *p.reported_total);
  }
  write_funds_rows(out, p, w);
  write_not_checked(out, p, w);
  const AuditCounts c = count_findings(p);
  out << fmt::format("  {}  {} {}: {} {}, {} {}; {} {}; {} {}; {} {}; {} {}\n\n",
                     w[Term::project_summary], c.indicators, w[Term::indicators], w[Term::agree],
                     c.agree, w[Term::differ], c.differ, w[Term::differing_figures], c.differences,
                     w[Term::explanations_missing_in_text], c.missing_explanations,
                     w[Term::unneeded_explanations], c.unneeded_explanations, w[Term::not_checked],
                     c.not_checked);
}

json difference_json(const Difference& d, const ProjectResult& p, const std::string& working) {
  return {{"field", d.field},
          {"reported", d.reported},
          {"computed", shown(d, p.score_digits, p.rate_digits, false)},
          {"difference", shown(d, p.score_digits, p.rate_digits, true)},
          {"working", working}};
}

// The rows that score and print none, with what the sum check could still
// do: the printed scores' sum and the most the total may be.
json rows_json(const ProjectResult& p) {
  json rows = json::array();
  if (!p.funds.reported_score_value) {
    rows.push_back(nullptr);  // the funds, as everywhere, the row without an indicator
  }
  for (const auto& i : p.indicators) {
    if (!i.entered && i.applicable) {
      rows.push_back(i.name);
    }
  }
  return rows;
}

json funds_rows_json(const ProjectResult& p) {
  json findings = json::array();
  for (const auto& f : p.funds.rows_findings) {
    findings.push_back({{"column", f.column},
                        {"row", f.row.empty() ? json(nullptr) : json(f.row)},
                        {"total", f.total.to_fixed(2)},
                        {"rows", f.rows.to_fixed(2)}});
  }
  return {{"not_adding_up", findings}, {"not_checked", p.funds.rows_not_checked}};
}

// What a missing explanation's cell holds when it is not blank: the
// placeholder the policy counts as none ("无"); null when blank.
json placeholder_json(const std::string& written) {
  const bool blank = std::ranges::all_of(
      written, [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
  return blank ? json(nullptr) : json(written);
}

json counts_json(const AuditCounts& c) {
  return {{"indicators", c.indicators},
          {"agree", c.agree},
          {"differ", c.differ},
          {"differences", c.differences},
          {"differences_by_kind",
           {{"indicator_rate", c.indicator_rates},
            {"indicator_score", c.indicator_scores},
            {"funds_rate", c.funds_rates},
            {"funds_score", c.funds_scores},
            {"total", c.totals}}},
          {"funds_rows_not_adding_up", c.funds_rows_not_adding_up},
          {"missing_explanations", c.missing_explanations},
          {"unneeded_explanations", c.unneeded_explanations},
          {"tables_not_adding_up", c.tables_not_adding_up},
          {"not_scored", c.not_scored},
          {"not_checked", c.not_checked}};
}

}  // namespace

AuditCounts& AuditCounts::operator+=(const AuditCounts& o) {
  indicators += o.indicators;
  agree += o.agree;
  differ += o.differ;
  differences += o.differences;
  indicator_rates += o.indicator_rates;
  indicator_scores += o.indicator_scores;
  funds_rates += o.funds_rates;
  funds_scores += o.funds_scores;
  totals += o.totals;
  funds_rows_not_adding_up += o.funds_rows_not_adding_up;
  missing_explanations += o.missing_explanations;
  unneeded_explanations += o.unneeded_explanations;
  tables_not_adding_up += o.tables_not_adding_up;
  not_scored += o.not_scored;
  not_checked += o.not_checked;
  return *this;
}

bool AuditCounts::clean() const {
  return differences == 0 && missing_explanations == 0 && unneeded_explanations == 0 &&
         tables_not_adding_up == 0 && funds_rows_not_adding_up == 0 && not_scored == 0 &&
         not_checked == 0;
}

AuditCounts count_findings(const ProjectResult& p) {
  AuditCounts c;
  c.indicators = p.indicators.size();
  for (const auto& i : p.indicators) {
    if (!i.scored) {
      ++c.not_scored;
    } else if (i.differences.empty()) {
      ++c.agree;
    } else {
      ++c.differ;
    }
  }
  c.differences = p.differences();
  const auto count = [](const std::vector<Difference>& differences, std::string_view field) {
    return static_cast<std::size_t>(std::ranges::count_if(
        differences, [field](const Difference& d) { return d.field == field; }));
  };
  c.funds_rates = count(p.funds.differences, "rate");
  c.funds_scores = count(p.funds.differences, "score");
  for (const auto& i : p.indicators) {
    c.indicator_rates += count(i.differences, "rate");
    c.indicator_scores += count(i.differences, "score");
  }
  c.totals = p.total_difference ? 1 : 0;
  c.funds_rows_not_adding_up = p.funds.rows_findings.size();
  c.missing_explanations = p.explanations_missing();
  c.unneeded_explanations = p.explanations_unneeded();
  // A table does not add up when its printed scores or its funds rows do not.
  c.tables_not_adding_up = p.reported_sum_mismatch() || !p.funds.rows_findings.empty() ? 1 : 0;
  c.not_checked = (p.funds.scored ? 0 : 1) + (total_not_scored(p) ? 1 : 0) +
                  (sum_not_checked(p) ? 1 : 0) + p.funds.rows_not_checked.size();
  return c;
}

void write_audit_text(std::ostream& out, const RunResults& results, const SourceManager& sources,
                      const TextOptions& options) {
  const Words w(options.lang);
  AuditCounts all;
  for (const auto& p : results.projects) {
    write_project_audit(out, p, sources, w);
    all += count_findings(p);
  }
  out << fmt::format(
      "{}: {} {}, {} {}: {} {}, {} {}; {} {}; {} {}; {} {}; {} {}; {} {}\n", w[Term::all],
      results.projects.size(), w[Term::tables], all.indicators, w[Term::indicators], w[Term::agree],
      all.agree, w[Term::differ], all.differ, w[Term::differing_figures], all.differences,
      w[Term::explanations_missing_in_text], all.missing_explanations,
      w[Term::unneeded_explanations], all.unneeded_explanations, w[Term::tables_not_adding_up],
      all.tables_not_adding_up, w[Term::not_checked], all.not_checked);
  // A run with errors was not fully checked: never "nothing found".
  const bool any_error = std::ranges::any_of(
      results.diagnostics, [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (all.clean() && !any_error) {
    out << w[Term::nothing_found] << "\n";
  }
}

json audit_json(const RunResults& results, const SourceManager& sources, Lang lang) {
  const Words w(lang);
  json projects = json::array();
  AuditCounts all;
  for (const auto& p : results.projects) {
    json differences = json::array();
    json missing = json::array();
    json unneeded = json::array();
    for (const auto& d : p.funds.differences) {
      json entry = difference_json(
          d, p, computed_working(p.funds.steps, d, sources, p.score_digits, p.rate_digits));
      entry["indicator"] = nullptr;
      differences.push_back(entry);
    }
    if (p.funds.explanation_missing()) {
      // The funds, like their differences, are the entry without an indicator.
      missing.push_back({{"indicator", nullptr},
                         {"rate", percent(p.funds.rate, p.rate_digits)},
                         {"placeholder", placeholder_json(p.funds.explanation)}});
    }
    for (const auto& i : p.indicators) {
      for (const auto& d : i.differences) {
        json entry = difference_json(
            d, p, computed_working(i.steps, d, sources, p.score_digits, p.rate_digits));
        entry["indicator"] = i.name;
        differences.push_back(entry);
      }
      if (i.explanation_missing()) {
        missing.push_back({{"indicator", i.name},
                           {"rate", percent(i.rate, p.rate_digits)},
                           {"placeholder", placeholder_json(i.explanation)}});
      } else if (i.scored && !i.explanation_required && i.explanation_present) {
        unneeded.push_back({{"indicator", i.name},
                            {"rate", percent(i.rate, p.rate_digits)},
                            {"explanation", i.explanation}});
      }
    }
    if (p.total_difference && p.total) {
      json entry = difference_json(*p.total_difference, p, total_working(p, w, sources));
      entry["indicator"] = nullptr;
      differences.push_back(entry);
    }
    const AuditCounts c = count_findings(p);
    all += c;
    projects.push_back({
        {"project", p.project},
        {"file", p.file},
        {"differences", differences},
        {"missing_explanations", missing},
        {"unneeded_explanations", unneeded},
        {"printed_scores_sum", p.reported_sum ? json(p.reported_sum->to_string()) : json(nullptr)},
        {"rows_without_printed_score", rows_json(p)},
        {"printed_scores_partial_sum",
         p.reported_partial_sum ? json(p.reported_partial_sum->to_string()) : json(nullptr)},
        {"funds_rows", funds_rows_json(p)},
        {"printed_total", p.reported_total ? json(*p.reported_total) : json(nullptr)},
        {"adds_up", !p.reported_sum_mismatch()},
        {"counts", counts_json(c)},
    });
  }
  return {{"projects", projects},
          {"summary", counts_json(all)},
          {"clean", all.clean() && results.diagnostics.empty()}};
}

}  // namespace perfeval
