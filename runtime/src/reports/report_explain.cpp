// `perfeval explain`: each figure of a project with the rule that gave it and
// the arithmetic, so a finance officer can follow a score by hand.

#include <fmt/format.h>

#include "perfeval/runtime/report.hpp"
#include "working_text.hpp"

namespace perfeval {
namespace {

struct ExplainWords {
  std::string_view funds, weight, target, actual, method, rounded, explanation_given,
      explanation_missing, not_scored, no_match;
};

constexpr ExplainWords kZh{"预算执行率",
                           "权重",
                           "目标值",
                           "业绩值",
                           "方法",
                           "保留{}位小数",
                           "已填写偏差原因分析",
                           "未填写偏差原因分析",
                           "未评分",
                           "没有符合条件的项目或指标"};
constexpr ExplainWords kEn{"budget execution",
                           "weight",
                           "target",
                           "actual",
                           "method",
                           "rounded to {} decimals",
                           "an explanation is given",
                           "no explanation is given",
                           "not scored",
                           "no project or indicator matches"};

void write_steps(std::ostream& out, const std::vector<Step>& steps, const SourceManager& sources,
                 const Rational& rounded_score, int score_digits, const ExplainWords& w) {
  for (const auto& step : steps) {
    std::string line = "    " + working_line(step, sources);
    if (step.quantity == "score") {
      const std::string shown = rounded_score.to_fixed(score_digits);
      if (shown != step.working.result) {
        line += " → " + shown + " (" + fmt::format(fmt::runtime(w.rounded), score_digits) + ")";
      }
    }
    out << line << "\n";
  }
}

}  // namespace

void write_explanation(std::ostream& out, const RunResults& results, const SourceManager& sources,
                       const TextOptions& options, const ExplainFilter& filter) {
  const ExplainWords& w = options.lang == Lang::zh ? kZh : kEn;
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
      out << fmt::format("  {}  {} {}\n", w.funds, w.weight, p.funds.weight.to_string());
      write_steps(out, p.funds.steps, sources, p.funds.score, p.score_digits, w);
    }
    for (const auto& i : p.indicators) {
      if (!filter.indicator.empty() && i.name != filter.indicator) {
        continue;
      }
      project_header();
      any = true;
      out << fmt::format("  {}  {} {}  {} {}  {} {}  {} {}\n", i.name, w.weight,
                         i.weight.to_string(), w.target, i.target, w.actual, i.actual, w.method,
                         i.method);
      if (!i.scored) {
        out << "    " << w.not_scored << "\n";
        continue;
      }
      write_steps(out, i.steps, sources, i.score_rounded, p.score_digits, w);
      if (i.explanation_required) {
        out << "    " << (i.explanation_present ? w.explanation_given : w.explanation_missing)
            << "\n";
      }
    }
    if (header) {
      any = true;
      out << "\n";
    }
  }
  if (!any) {
    out << w.no_match << "\n";
  }
}

}  // namespace perfeval
