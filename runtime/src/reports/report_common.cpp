#include "report_common.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace perfeval::report_detail {
namespace {

constexpr Labels kZh{
    .department = "主管部门",
    .implementer = "实施单位",
    .planned = "年初预算数",
    .budget = "全年预算数",
    .executed = "全年执行数",
    .execution_rate = "执行率",
    .score = "得分",
    .category1 = "一级指标",
    .category2 = "二级指标",
    .indicator = "三级指标",
    .rate = "完成率",
    .indicator_score = "指标得分",
    .reported_rate = "填报完成率",
    .reported_score = "填报得分",
    .explanation_status = "偏差说明",
    .explanation_text = "偏差原因分析及改进措施",
    .total = "总分",
    .band = "档次",
    .notes = "审核意见",
    .given = "有",
    .missing = "缺失",
    .unneeded = "多余",
    .summary = "汇总",
    .file = "文件",
    .policy = "政策",
    .kind = "类型",
    .kind_project = "项目",
    .kind_unit = "单位整体",
    .differences = "不符",
    .explanations_missing = "缺说明",
    .count = "数量",
    .not_scored = "未评分",
    .chart_title = "各项目总分",
    .index = "序号",
    .name = "名称",
    .full_marks = "满分",
};

constexpr Labels kEn{
    .department = "Department",
    .implementer = "Implementing unit",
    .planned = "Initial budget",
    .budget = "Full-year budget",
    .executed = "Executed",
    .execution_rate = "Execution rate",
    .score = "Score",
    .category1 = "Category",
    .category2 = "Subcategory",
    .indicator = "Indicator",
    .rate = "Rate",
    .indicator_score = "Score",
    .reported_rate = "Reported rate",
    .reported_score = "Reported score",
    .explanation_status = "Explained",
    .explanation_text = "Reasons for deviation and improvements",
    .total = "Total",
    .band = "Band",
    .notes = "Audit notes",
    .given = "given",
    .missing = "missing",
    .unneeded = "not needed",
    .summary = "Summary",
    .file = "File",
    .policy = "Policy",
    .kind = "Kind",
    .kind_project = "project",
    .kind_unit = "unit",
    .differences = "Differences",
    .explanations_missing = "Missing explanations",
    .count = "Count",
    .not_scored = "not scored",
    .chart_title = "Project totals",
    .index = "No.",
    .name = "Name",
    .full_marks = "Full marks",
};

// The name of the figure a Difference is about, as the table heads it.
std::string_view field_name(std::string_view field, Lang lang, bool funds) {
  const bool zh = lang == Lang::zh;
  if (field == "rate") {
    return funds ? (zh ? "执行率" : "execution rate") : (zh ? "完成率" : "rate");
  }
  if (field == "total") {
    return zh ? "总分" : "total";
  }
  return zh ? "得分" : "score";
}

}  // namespace

const Labels& labels(Lang lang) {
  return lang == Lang::zh ? kZh : kEn;
}

bool is_unit(const ProjectResult& project) {
  return project.kind == "unit";
}

FormWords form_words(const ProjectResult& project, Lang lang) {
  const bool zh = lang == Lang::zh;
  if (is_unit(project)) {
    return zh ? FormWords{.title = "单位整体支出绩效自评表",
                          .name = "单位名称",
                          .funds = "部门资金（万元）",
                          .funds_row = "合计",
                          .funds_weight = "分值权重",
                          .weight = "分值权重",
                          .target = "预期指标值",
                          .actual = "实际完成指标值",
                          .kind = "单位整体"}
              : FormWords{.title = "Unit Overall Expenditure Performance Self-Evaluation",
                          .name = "Unit",
                          .funds = "Unit funds (10,000 yuan)",
                          .funds_row = "Total",
                          .funds_weight = "Weight",
                          .weight = "Weight",
                          .target = "Expected value",
                          .actual = "Achieved value",
                          .kind = "unit"};
  }
  return zh ? FormWords{.title = "项目支出绩效自评表",
                        .name = "项目名称",
                        .funds = "项目资金（万元）",
                        .funds_row = "年度资金总额",
                        .funds_weight = "分值",
                        .weight = "权重",
                        .target = "目标值",
                        .actual = "业绩值",
                        .kind = "项目"}
            : FormWords{.title = "Project Expenditure Performance Self-Evaluation",
                        .name = "Project",
                        .funds = "Project funds (10,000 yuan)",
                        .funds_row = "Total funds for the year",
                        .funds_weight = "Weight",
                        .weight = "Weight",
                        .target = "Target",
                        .actual = "Actual",
                        .kind = "project"};
}

std::string year_line(const ProjectResult& project, Lang lang) {
  if (!project.year) {
    return "";
  }
  return lang == Lang::zh ? fmt::format("（{}年度）", *project.year)
                          : fmt::format("(Year {})", *project.year);
}

std::string score_text(const ProjectResult& project, const Rational& score) {
  return score.to_fixed(project.score_digits);
}

std::string rate_text(const ProjectResult& project, const Rational& rate) {
  return percent(rate, project.rate_digits);
}

std::string amount_text(const Rational& amount) {
  return amount.to_fixed(2);
}

std::string total_text(const ProjectResult& project) {
  return project.total ? score_text(project, *project.total) : "—";
}

bool is_flagged(const IndicatorResult& indicator) {
  return !indicator.scored || !indicator.differences.empty() || indicator.explanation_missing();
}

std::string_view explanation_status(const IndicatorResult& indicator, Lang lang) {
  const Labels& words = labels(lang);
  if (!indicator.scored) {
    return "";
  }
  if (indicator.explanation_required) {
    return indicator.explanation_present ? words.given : words.missing;
  }
  return indicator.explanation_present ? words.unneeded : "";
}

std::vector<std::string> difference_notes(const ProjectResult& project,
                                          const std::vector<Difference>& differences, Lang lang,
                                          bool funds) {
  std::vector<std::string> notes;
  for (const auto& d : differences) {
    const std::string computed =
        d.field == "rate" ? rate_text(project, d.computed) : score_text(project, d.computed);
    notes.push_back(lang == Lang::zh
                        ? fmt::format("{}：填报 {}，按规则应为 {}",
                                      field_name(d.field, lang, funds), d.reported, computed)
                        : fmt::format("{}: reported {}, by the rules {}",
                                      field_name(d.field, lang, funds), d.reported, computed));
  }
  return notes;
}

std::vector<std::string> audit_notes(const ProjectResult& project, const IndicatorResult& indicator,
                                     Lang lang) {
  if (!indicator.scored) {
    return {lang == Lang::zh ? "未评分：数据或规则有误，见错误信息"
                             : "not scored: see the error messages"};
  }
  std::vector<std::string> notes = difference_notes(project, indicator.differences, lang);
  if (indicator.explanation_missing()) {
    notes.emplace_back(lang == Lang::zh ? "缺少偏差原因分析" : "deviation explanation missing");
  }
  return notes;
}

std::string labelled(std::string_view label, std::string_view value, Lang lang) {
  return std::string(label) + (lang == Lang::zh ? "：" : ": ") + std::string(value);
}

std::string join_notes(const std::vector<std::string>& notes, Lang lang) {
  std::string out;
  for (const auto& note : notes) {
    if (!out.empty()) {
      out += lang == Lang::zh ? "；" : "; ";
    }
    out += note;
  }
  return out;
}

std::string run_counts(const RunResults& results, Lang lang) {
  // As the JSON summary counts: a table is scored when every figure was.
  const auto scored =
      static_cast<std::size_t>(std::count_if(results.projects.begin(), results.projects.end(),
                                             [](const ProjectResult& p) { return p.complete; }));
  const std::size_t failed = results.data_files - scored;
  return lang == Lang::zh
             ? fmt::format("共 {} 张表，已评分 {}，失败 {}", results.data_files, scored, failed)
             : fmt::format("{} tables, {} scored, {} failed", results.data_files, scored, failed);
}

bool has_reported_figures(const ProjectResult& project) {
  for (const auto& i : project.indicators) {
    if (i.reported.rate || i.reported.score) {
      return true;
    }
  }
  return false;
}

CategorySpans category_spans(const std::vector<IndicatorResult>& indicators) {
  CategorySpans spans;
  spans.category1.assign(indicators.size(), 0);
  spans.category2.assign(indicators.size(), 0);
  std::size_t start1 = 0;
  std::size_t start2 = 0;
  for (std::size_t row = 0; row < indicators.size(); ++row) {
    const bool same1 = row > 0 && indicators[row].category1 == indicators[row - 1].category1;
    // A 二级 cell never runs across a 一级 border, even when the names repeat.
    const bool same2 = same1 && indicators[row].category2 == indicators[row - 1].category2;
    if (!same1) {
      start1 = row;
    }
    if (!same2) {
      start2 = row;
    }
    ++spans.category1[start1];
    ++spans.category2[start2];
  }
  return spans;
}

std::vector<BandCount> band_counts(const RunResults& results) {
  std::vector<BandCount> counts;
  for (const auto& p : results.projects) {
    if (!p.band || !p.total) {
      continue;
    }
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const BandCount& c) { return c.band == *p.band; });
    if (it == counts.end()) {
      counts.push_back({*p.band, 1, *p.total});
    } else {
      ++it->count;
      it->best = std::max(it->best, *p.total);
    }
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const BandCount& a, const BandCount& b) { return a.best > b.best; });
  return counts;
}

}  // namespace perfeval::report_detail
