#include "perfeval/runtime/words.hpp"

#include <array>

namespace perfeval {
namespace {

struct Entry {
  Term term;
  std::string_view zh;
  std::string_view en;
};

// In the order of the enum; each row names its term so the order is checked.
constexpr std::array kEntries = std::to_array<Entry>({
    {Term::department, "主管部门", "Department"},
    {Term::implementer, "实施单位", "Implementing unit"},
    {Term::planned, "年初预算数", "Initial budget"},
    {Term::budget, "全年预算数", "Full-year budget"},
    {Term::executed, "全年执行数", "Executed"},
    {Term::execution_rate, "执行率", "Execution rate"},
    {Term::score, "得分", "Score"},
    {Term::category1, "一级指标", "Category"},
    {Term::category2, "二级指标", "Subcategory"},
    {Term::indicator, "三级指标", "Indicator"},
    {Term::rate, "完成率", "Rate"},
    {Term::indicator_score, "指标得分", "Score"},
    {Term::reported_rate, "填报完成率", "Reported rate"},
    {Term::reported_score, "填报得分", "Reported score"},
    {Term::explanation_status, "偏差说明", "Explained"},
    {Term::explanation_text, "偏差原因分析及改进措施", "Reasons for deviation and improvements"},
    {Term::total, "总分", "Total"},
    {Term::band, "档次", "Band"},
    {Term::notes, "审核意见", "Audit notes"},
    {Term::summary, "汇总", "Summary"},
    {Term::file, "文件", "File"},
    {Term::policy, "政策", "Policy"},
    {Term::kind, "类型", "Kind"},
    {Term::differences, "不符", "Differences"},
    {Term::explanations_missing, "缺说明", "Missing explanations"},
    {Term::count, "数量", "Count"},
    {Term::chart_title, "各项目总分", "Project totals"},
    {Term::index, "序号", "No."},
    {Term::name, "名称", "Name"},
    {Term::full_marks, "满分", "Full marks"},
    {Term::weight, "权重", "Weight"},
    {Term::target, "目标值", "Target"},
    {Term::actual, "业绩值", "Actual"},
    {Term::report_title, "绩效自评表评分报告", "Performance self-evaluation report"},
    {Term::html_title, "绩效自评表", "Performance self-evaluation"},
    {Term::overall_goals, "年度总体目标", "Overall annual goals"},
    {Term::goals_expected, "预期目标", "Expected"},
    {Term::goals_achieved, "实际完成情况", "Achieved"},
    {Term::prepared_by, "填报人", "Prepared by"},
    {Term::reviewed_by, "审核人", "Reviewed by"},
    {Term::date, "日期", "Date"},
    {Term::page_of, "第 {} 页 共 {} 页", "Page {} of {}"},
    {Term::continued, "{}（续）", "{} (continued)"},

    {Term::project_title, "项目支出绩效自评表", "Project Expenditure Performance Self-Evaluation"},
    {Term::project_name, "项目名称", "Project"},
    {Term::project_funds, "项目资金（万元）", "Project funds (10,000 yuan)"},
    {Term::project_funds_row, "年度资金总额", "Total funds for the year"},
    {Term::project_funds_weight, "分值", "Weight"},
    {Term::kind_project, "项目", "project"},
    {Term::unit_title, "单位整体支出绩效自评表",
     "Unit Overall Expenditure Performance Self-Evaluation"},
    {Term::unit_name, "单位名称", "Unit"},
    {Term::unit_funds, "部门资金（万元）", "Unit funds (10,000 yuan)"},
    {Term::unit_funds_row, "合计", "Total"},
    {Term::unit_weight, "分值权重", "Weight"},
    {Term::unit_target, "预期指标值", "Expected value"},
    {Term::unit_actual, "实际完成指标值", "Achieved value"},
    {Term::kind_unit, "单位整体", "unit"},

    {Term::given, "有", "given"},
    {Term::missing, "缺失", "missing"},
    {Term::unneeded, "多余", "not needed"},
    {Term::not_scored, "未评分", "not scored"},
    {Term::not_applicable, "不适用", "n/a"},
    {Term::execution_rate_in_text, "执行率", "execution rate"},
    {Term::rate_in_text, "完成率", "rate"},
    {Term::score_in_text, "得分", "score"},
    {Term::total_in_text, "总分", "total"},
    {Term::weight_in_text, "权重", "weight"},
    {Term::target_in_text, "目标值", "target"},
    {Term::actual_in_text, "业绩值", "actual"},
    {Term::file_in_text, "文件", "file"},
    {Term::policy_in_text, "政策", "policy"},
    {Term::budget_execution, "预算执行率", "Budget execution"},
    {Term::budget_execution_in_text, "预算执行率", "budget execution"},
    {Term::not_scored_note, "未评分：数据或规则有误，见错误信息",
     "not scored: see the error messages"},
    {Term::explanation_missing_note, "缺少偏差原因分析", "deviation explanation missing"},
    {Term::explanation_unneeded_note, "多余说明：无偏差，不须填写偏差原因分析",
     "unneeded explanation: there is no deviation to explain"},
    {Term::difference_note, "{}：填报 {}，按规则应为 {}", "{}: reported {}, by the rules {}"},
    {Term::run_counts, "共 {} 张表，已评分 {}，失败 {}", "{} tables, {} scored, {} failed"},
    {Term::year, "（{}年度）", "(Year {})"},

    {Term::explanation, "偏差说明", "Explanation"},
    {Term::audit, "审核", "Audit"},
    {Term::reported, "填报", "reported"},
    {Term::computed, "应为", "computed"},
    {Term::missing_flag, "缺失", "MISSING"},
    {Term::projects, "项目", "projects"},
    {Term::scored, "已评分", "scored"},
    {Term::failed, "失败", "failed"},
    {Term::differ, "不符", "differ"},
    {Term::explanations_missing_short, "缺说明", "missing expl."},
    {Term::explanations_unneeded_short, "多余说明", "unneeded expl."},
    {Term::check_summary, "已检查 {} 个规则文件、{} 个数据文件：{} 个错误，{} 个警告",
     "checked {} rule files and {} data files: {} errors, {} warnings"},

    {Term::differs, "不符", "differs"},
    {Term::missing_explanation, "缺说明", "missing explanation"},
    {Term::unneeded_explanation, "多余说明", "unneeded explanation"},
    {Term::does_not_add_up, "表内不平", "does not add up"},
    {Term::project_summary, "小结", "summary"},
    {Term::difference, "差", "difference"},
    {Term::indicators, "项指标", "indicators"},
    {Term::agree, "一致", "agree"},
    {Term::explanations_missing_in_text, "缺说明", "missing explanations"},
    {Term::unneeded_explanations, "多余说明", "unneeded explanations"},
    {Term::tables_not_adding_up, "表内不平", "tables not adding up"},
    {Term::all, "合计", "all"},
    {Term::tables, "个表", "tables"},
    {Term::explanation_required, "须填写偏差原因分析", "a deviation explanation is required"},
    {Term::explanation_not_needed, "无偏差，但填写了说明",
     "no deviation, but an explanation is given"},
    {Term::printed_scores_sum, "填报得分合计", "printed scores add up to"},
    {Term::funds_score, "预算执行率得分", "funds score"},
    {Term::indicator_scores, "指标得分", "indicator scores"},
    {Term::nothing_found, "未发现问题", "nothing found"},
    {Term::not_checked, "未能核对", "not checked"},
    {Term::cannot_score, "无法计分（见错误信息）", "could not be scored (see the errors)"},
    {Term::scores_not_printed,
     "有 {0} 行未填报得分（{1}），得分合计只能核对范围：已填报得分合计 {2}，总分应在 {2} 至 {3} "
     "之间",
     "{0} rows print no score ({1}); the sum was checked only for its reach: the printed "
     "scores add up to {2}, so the total must lie between {2} and {3}"},
    {Term::funds_rows_sum, "资金 {0}：各来源行合计 {1} ≠ 合计行 {2}",
     "funds, {0}: the rows under the total add up to {1}, not {2}"},
    {Term::funds_row_exceeds, "资金 {0}：“{1}” {2} 大于合计行 {3}",
     "funds, {0}: '{1}' is {2}, more than the total row's {3}"},
    {Term::funds_rows_blank, "资金 {0}：有来源行未填金额，未核对各行合计",
     "funds, {0}: a row gives no amount, so the rows' sum was not checked"},
    {Term::placeholder_given, "所填“{}”按政策视为未填写", "'{}' counts as none under the policy"},
    {Term::rows_unprinted, "另有 {} 行未填报，至多 {}", "and {} rows without one, at most {}"},
    {Term::differing_figures, "不符数字", "differing figures"},
    {Term::open_quote, "“", "'"},
    {Term::close_quote, "”", "'"},

    {Term::method, "方法", "method"},
    {Term::rounded_to, "保留{}位小数", "rounded to {} decimals"},
    {Term::explanation_given, "已填写偏差原因分析", "an explanation is given"},
    {Term::explanation_not_given, "未填写偏差原因分析", "no explanation is given"},
    {Term::no_match, "没有符合条件的项目或指标", "no project or indicator matches"},
    {Term::yes, "是", "yes"},
    {Term::no, "否", "no"},
    {Term::logical_not, "非", "not"},
    {Term::logical_and, "并且", "and"},
    {Term::logical_or, "或者", "or"},
    {Term::scoring_methods, "赋分方法", "scoring methods"},
    {Term::quantity_met, "是否达标", "target met"},
    {Term::quantity_explain, "须说明偏差", "explanation required"},
    {Term::quantity_require, "前提", "requires"},

    {Term::csv_row, "行类型", "row"},
    {Term::csv_project, "项目名称", "project"},
    {Term::csv_kind, "类型", "kind"},
    {Term::csv_category1, "一级指标", "category1"},
    {Term::csv_category2, "二级指标", "category2"},
    {Term::csv_indicator, "三级指标", "indicator"},
    {Term::csv_met, "是否达标", "met"},
    {Term::csv_explanation_required, "需要偏差说明", "explanation_required"},
    {Term::csv_explanation_present, "已有偏差说明", "explanation_present"},
    {Term::csv_reported_rate, "填报完成率", "reported_rate"},
    {Term::csv_reported_score, "填报得分", "reported_score"},
    {Term::csv_differences, "不符之处", "differences"},
    {Term::csv_explanation, "偏差原因分析", "explanation"},
    {Term::csv_band, "档次", "band"},
    {Term::csv_funds_row, "预算执行率", "funds"},
    {Term::csv_indicator_row, "指标", "indicator"},
    {Term::csv_true, "是", "true"},
    {Term::csv_false, "否", "false"},

    {Term::rule_test_error, "{}: 第{}例“{}”: {}", "{}: case {} '{}': {}"},
    {Term::rule_test_mismatch, "{}: 第{}例“{}”: {} 应为 {}，实际为 {}",
     "{}: case {} '{}': {} expected {}, got {}"},
    {Term::rule_tests_passed, "通过 {} 例，失败 {} 例", "{} passed, {} failed"},
    {Term::formatted_file, "已排版 {}", "formatted {}"},
    {Term::scoring_progress, "评分中 {}", "scoring {}"},
    {Term::output_is_input, "{}: 这是输入文件，perfeval 不会覆盖它；请另选输出文件名",
     "{}: this is one of the input files; perfeval will not overwrite it, choose another output "
     "file"},
    {Term::xlsx_needs_output, "Excel 工作簿须用 -o 文件名.xlsx 指定输出文件",
     "an Excel workbook needs an output file: -o FILE.xlsx"},
    {Term::output_cannot_be_written, "{}: 无法写入", "{}: cannot be written"},
    {Term::output_write_failed, "{}: 写入失败（磁盘已满？）",
     "{}: writing failed (is the disk full?)"},

    {Term::label_separator, "：", ": "},
    {Term::list_separator, "；", "; "},
    {Term::clause_separator, "，", ", "},
});

constexpr bool in_term_order() {
  for (std::size_t i = 0; i < kEntries.size(); ++i) {
    if (static_cast<std::size_t>(kEntries[i].term) != i) {
      return false;
    }
  }
  return kEntries.size() == kTermCount;
}
static_assert(in_term_order(), "one entry per term, in the order of the enum");

}  // namespace

std::string_view term_text(Term term, Lang lang) {
  const Entry& entry = kEntries[static_cast<std::size_t>(term)];
  return lang == Lang::zh ? entry.zh : entry.en;
}

}  // namespace perfeval
