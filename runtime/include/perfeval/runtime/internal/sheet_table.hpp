#pragma once

// Finding a 自评表 in a worksheet by the words of its headers, not by fixed
// positions: regions order and name their columns a little differently
// (目标值 or 年度指标值, 业绩值 or 实际完成值, 权重 or 分值), and perfeval's own
// Excel report adds columns of its own. docs/data-format.md, "Excel (.xlsx)",
// lists the words.

#include <optional>
#include <string>
#include <string_view>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/internal/workbook.hpp"

namespace perfeval::xlsx {

// What a column of the indicator table holds.
enum class Column {
  category1,       // 一级指标
  category2,       // 二级指标
  name,            // 三级指标
  weight,          // 权重, 分值
  target,          // 目标值, 年度指标值
  actual,          // 业绩值, 实际完成值
  rate,            // 完成率 as printed
  score,           // 得分 as printed
  reported_rate,   // perfeval's report: 填报完成率 (its 完成率 is its own)
  reported_score,  // perfeval's report: 填报得分
  explanation,     // 偏差原因分析及改进措施
  basis,           // 指标值设定依据
  last_year,       // 上年完成情况
  rule,            // 赋分规则
  evidence,        // 佐证资料
  ignored,         // perfeval's report: 偏差说明, 审核意见
};

// What a column of the funds block (年度资金总额 and its 其中 rows) holds.
enum class FundsColumn {
  planned,         // 年初预算数
  budget,          // 全年预算数
  executed,        // 全年执行数
  weight,          // 分值
  rate,            // 执行率
  score,           // 得分
  reported_rate,   // perfeval's report: 填报完成率
  reported_score,  // perfeval's report: 填报得分
};

// A header cell's text without white space, full-width brackets as ASCII,
// ASCII letters in lower case: "年度\n指标值" and "年度指标值" alike.
std::string header_key(std::string_view text);

std::optional<Column> indicator_column(std::string_view header);
std::optional<FundsColumn> funds_column(std::string_view header);

// The labels of the header block, the funds block and the goals.
enum class Label {
  project_name,    // 项目名称
  unit_name,       // 单位名称
  department,      // 主管部门
  implementer,     // 实施单位
  funds_total,     // 年度资金总额, 合计
  goals_planned,   // 预期目标
  goals_achieved,  // 实际完成情况
  total,           // 总分
  summary,         // perfeval's report: its 汇总 sheet
};
std::optional<Label> label(std::string_view text);

// Reads the table on `sheet`, labelled `label` ("尾款.xlsx!自评表") in the
// data and in messages, which name cells as "尾款.xlsx!自评表!F12". Returns
// nullopt, with the problems in `sink`, when the table cannot be scored.
// `found` says whether the sheet holds a table at all.
std::optional<ProjectData> read_sheet_table(const Sheet& sheet, const std::string& label,
                                            DiagnosticSink& sink, bool& found);

}  // namespace perfeval::xlsx
