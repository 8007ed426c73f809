#pragma once

// What the printable report formats share: the headings that depend on
// the kind of table (their text is in words.hpp), the display text of every
// figure, which rows the audit flags and why, and where the printed table
// merges its category cells. Internal to the runtime library; the formats
// differ only in how they lay this out.

#include <string>
#include <string_view>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/words.hpp"
#include "perfeval/runtime/report.hpp"

namespace perfeval::report_detail {

// Headings that differ between a 项目支出 table and a 单位整体支出 table.
struct FormWords {
  std::string_view title;         // 项目支出绩效自评表
  std::string_view name;          // 项目名称 / 单位名称
  std::string_view funds;         // 项目资金（万元） / 部门资金（万元）
  std::string_view funds_row;     // 年度资金总额 / 合计
  std::string_view funds_weight;  // 分值 / 分值权重
  std::string_view weight;        // 权重 / 分值权重
  std::string_view target;        // 目标值 / 预期指标值
  std::string_view actual;        // 业绩值 / 实际完成指标值
  std::string_view kind;          // 项目 / 单位整体
};
FormWords form_words(const ProjectResult& project, Lang lang);
bool is_unit(const ProjectResult& project);

// "（2024年度）"; empty when the data gives no year.
std::string year_line(const ProjectResult& project, Lang lang);

// Display text, exactly as the JSON report shows it.
std::string score_text(const ProjectResult& project, const Rational& score);
std::string rate_text(const ProjectResult& project, const Rational& rate);
std::string amount_text(const Rational& amount);       // 万元 with 2 decimals
std::string total_text(const ProjectResult& project);  // "—" when not scored

// Whether an indicator row shows a rate and a score: it was scored and it
// counts. A row that is not applicable (dropped from the total) shows none,
// so that it is never read as a score of 0.
bool shows_figures(const IndicatorResult& indicator);
// An indicator row's rate and score cells as text: the figures, "—" when
// it could not be scored, and no rate and 不适用 when it is not applicable.
std::string indicator_rate_cell(const ProjectResult& project, const IndicatorResult& indicator);
std::string indicator_score_cell(const ProjectResult& project, const IndicatorResult& indicator,
                                 Lang lang);

// The audit: a row is flagged when a printed figure does not follow from the
// rules, a required explanation is missing, or the row could not be scored.
bool is_flagged(const IndicatorResult& indicator);
// 有 / 缺失 / 多余, or empty when no explanation is needed or given.
std::string_view explanation_status(const IndicatorResult& indicator, Lang lang);
// One sentence per finding: "得分：填报 3.9，按规则应为 3.96", "缺少偏差原因分析".
std::vector<std::string> audit_notes(const ProjectResult& project, const IndicatorResult& indicator,
                                     Lang lang);
// `funds` names a rate 执行率 rather than 完成率.
std::vector<std::string> difference_notes(const ProjectResult& project,
                                          const std::vector<Difference>& differences, Lang lang,
                                          bool funds = false);
// "档次：优" / "Band: 优": a label and its value, with the language's colon.
std::string labelled(std::string_view label, std::string_view value, Lang lang);
// Joins notes with the language's list separator.
std::string join_notes(const std::vector<std::string>& notes, Lang lang);
// "共 17 张表，已评分 17，失败 0".
std::string run_counts(const RunResults& results, Lang lang);
// True when any row carries figures printed by hand, so the report shows
// the 填报 columns.
bool has_reported_figures(const ProjectResult& project);

// The merged category cells of the printed table: for each indicator row,
// how many rows the 一级 / 二级 cell starting there covers, or 0 when the
// row continues the cell above.
struct CategorySpans {
  std::vector<std::size_t> category1;
  std::vector<std::size_t> category2;
};
CategorySpans category_spans(const std::vector<IndicatorResult>& indicators);

// How many projects have each band. The bands' thresholds are not in the
// results, so they are ordered by the best total that reached each band:
// 优 before 良 before 中 before 差.
struct BandCount {
  std::string band;
  std::size_t count = 0;
  Rational best;
};
std::vector<BandCount> band_counts(const RunResults& results);

}  // namespace perfeval::report_detail
