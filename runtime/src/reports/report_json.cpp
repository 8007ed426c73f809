#include <map>

#include "perfeval/runtime/report.hpp"
#include "report_common.hpp"

namespace perfeval {
namespace {

using nlohmann::json;

json differences_json(const std::vector<Difference>& diffs, int score_digits, int rate_digits) {
  json out = json::array();
  for (const auto& d : diffs) {
    const bool is_rate = d.field == "rate";
    out.push_back({
        {"field", d.field},
        {"reported", d.reported},
        {"computed",
         is_rate ? percent(d.computed, rate_digits) : d.computed.to_fixed(score_digits)},
        {"difference",
         is_rate ? percent(d.difference, rate_digits) : d.difference.to_fixed(score_digits)},
    });
  }
  return out;
}

json optional_text(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

json project_json(const ProjectResult& p) {
  const FundsResult& f = p.funds;
  json funds = {
      {"weight", f.weight.to_string()},
      {"planned", f.planned.to_fixed(2)},
      {"budget", f.budget.to_fixed(2)},
      {"executed", f.executed.to_fixed(2)},
      {"scored", f.scored},
      {"rate", f.scored ? json(percent(f.rate, p.rate_digits)) : json(nullptr)},
      {"score", f.scored ? json(f.score.to_fixed(p.score_digits)) : json(nullptr)},
      {"explanation_required", f.explanation_required},
      {"reported",
       {{"rate", optional_text(f.reported.rate)}, {"score", optional_text(f.reported.score)}}},
      {"differences", differences_json(f.differences, p.score_digits, p.rate_digits)},
  };
  json indicators = json::array();
  for (const auto& i : p.indicators) {
    // A not-applicable indicator has no figures, as in JSON Lines: null,
    // never a rate or score of 0 that a reader would add up.
    const bool figures = report_detail::shows_figures(i);
    indicators.push_back({
        {"category1", i.category1},
        {"category2", i.category2},
        {"name", i.name},
        {"weight", i.weight.to_string()},
        {"target", i.target},
        {"method", i.method},
        {"actual", i.actual},
        {"scored", i.scored},
        {"applicable", i.applicable},
        {"met", figures ? json(i.met) : json(nullptr)},
        {"graded", figures ? json(i.graded) : json(nullptr)},
        {"rate", figures ? json(percent(i.rate, p.rate_digits)) : json(nullptr)},
        {"score", figures ? json(i.score_rounded.to_fixed(p.score_digits)) : json(nullptr)},
        {"score_exact", figures ? json(i.score.to_string()) : json(nullptr)},
        {"explanation_required", figures ? json(i.explanation_required) : json(nullptr)},
        {"explanation_present", i.explanation_present},
        {"reported",
         {{"rate", optional_text(i.reported.rate)}, {"score", optional_text(i.reported.score)}}},
        {"differences", differences_json(i.differences, p.score_digits, p.rate_digits)},
    });
  }
  json total_diff = nullptr;
  if (p.total_difference) {
    total_diff = differences_json({*p.total_difference}, p.score_digits, p.rate_digits).front();
  }
  return {
      {"file", p.file},
      {"project", p.project},
      {"kind", p.kind},
      {"policy", p.policy},
      {"year", p.year ? json(*p.year) : json(nullptr)},
      {"department", p.department},
      {"implementer", p.implementer},
      {"complete", p.complete},
      {"funds", funds},
      {"indicators", indicators},
      {"total", p.total ? json(p.total->to_fixed(p.score_digits)) : json(nullptr)},
      {"full_marks", p.full_marks.to_string()},
      {"band", optional_text(p.band)},
      {"reported_total", optional_text(p.reported_total)},
      {"total_difference", total_diff},
      {"differences", p.differences()},
      {"explanations_missing", p.explanations_missing()},
      {"explanations_unneeded", p.explanations_unneeded()},
  };
}

json diagnostic_json(const Diagnostic& d, const SourceManager& sources, Lang lang) {
  json out = {
      {"severity", d.severity == Severity::error ? "error" : "warning"},
      {"code", d.code},
      {"message", message_text(d, lang)},
      {"file", d.file},
  };
  if (d.range) {
    const Source& source = sources.get(d.range->file);
    const Position pos = source.position(d.range->begin);
    out["file"] = source.name();
    out["line"] = pos.line;
    out["column"] = pos.column;
  }
  return out;
}

}  // namespace

nlohmann::json to_json(const RunResults& results, const SourceManager& sources, Lang lang) {
  json projects = json::array();
  std::map<std::string, std::size_t> bands;
  std::size_t complete = 0;
  std::size_t differences = 0;
  std::size_t missing = 0;
  for (const auto& p : results.projects) {
    projects.push_back(project_json(p));
    complete += p.complete ? 1 : 0;
    differences += p.differences();
    missing += p.explanations_missing();
    if (p.band) {
      ++bands[*p.band];
    }
  }
  json diagnostics = json::array();
  for (const auto& d : results.diagnostics) {
    diagnostics.push_back(diagnostic_json(d, sources, lang));
  }
  return {
      {"projects", projects},
      {"summary",
       {
           {"rule_files", results.rule_files},
           {"data_files", results.data_files},
           {"scored", complete},
           {"failed", results.data_files - complete},
           {"differences", differences},
           {"explanations_missing", missing},
           {"bands", bands},
       }},
      {"diagnostics", diagnostics},
  };
}

}  // namespace perfeval
