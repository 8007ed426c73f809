// The words a worksheet's headers and labels are recognised by. Keys are
// header_key() forms: no white space, ASCII brackets, lower-case English
// (the English words are those of perfeval's own report in --lang en).
// docs/data-format.md ("Excel (.xlsx)") lists the same words: keep both in
// step.

#include <utf8proc.h>

#include <array>

#include "perfeval/runtime/internal/sheet_table.hpp"

namespace perfeval::xlsx {
namespace {

template <typename Role>
struct Word {
  std::string_view key;
  Role role;
};

constexpr auto kIndicatorWords = std::to_array<Word<Column>>({
    {"一级指标", Column::category1},
    {"category", Column::category1},
    {"二级指标", Column::category2},
    {"subcategory", Column::category2},
    {"三级指标", Column::name},
    {"指标名称", Column::name},
    {"indicator", Column::name},
    {"权重", Column::weight},
    {"分值", Column::weight},
    {"分值权重", Column::weight},
    {"指标分值", Column::weight},
    {"权重(分)", Column::weight},
    {"分值(分)", Column::weight},
    {"weight", Column::weight},
    {"目标值", Column::target},
    {"年度指标值", Column::target},
    {"年度目标值", Column::target},
    {"预期指标值", Column::target},
    {"预期目标值", Column::target},
    {"指标值", Column::target},
    {"target", Column::target},
    {"expectedvalue", Column::target},
    {"业绩值", Column::actual},
    {"实际完成值", Column::actual},
    {"实际完成指标值", Column::actual},
    {"全年实际值", Column::actual},
    {"全年实际完成值", Column::actual},
    {"实际值", Column::actual},
    {"完成值", Column::actual},
    {"actual", Column::actual},
    {"achievedvalue", Column::actual},
    {"完成率", Column::rate},
    {"指标完成率", Column::rate},
    {"rate", Column::rate},
    {"得分", Column::score},
    {"指标得分", Column::score},
    {"实际得分", Column::score},
    {"score", Column::score},
    {"填报完成率", Column::reported_rate},
    {"reportedrate", Column::reported_rate},
    {"填报得分", Column::reported_score},
    {"reportedscore", Column::reported_score},
    {"偏差原因分析及改进措施", Column::explanation},
    {"偏差原因分析", Column::explanation},
    {"偏差原因及改进措施", Column::explanation},
    {"偏差原因", Column::explanation},
    {"未完成原因分析", Column::explanation},
    {"reasonsfordeviationandimprovements", Column::explanation},
    {"指标值设定依据", Column::basis},
    {"上年完成情况", Column::last_year},
    {"上年实际完成值", Column::last_year},
    {"赋分规则", Column::rule},
    {"评分规则", Column::rule},
    {"评分标准", Column::rule},
    {"method", Column::rule},
    {"佐证资料", Column::evidence},
    {"佐证材料", Column::evidence},
    {"偏差说明", Column::ignored},
    {"explained", Column::ignored},
    {"审核意见", Column::ignored},
    {"auditnotes", Column::ignored},
});

constexpr auto kFundsWords = std::to_array<Word<FundsColumn>>({
    {"年初预算数", FundsColumn::planned},
    {"initialbudget", FundsColumn::planned},
    {"全年预算数", FundsColumn::budget},
    {"调整后预算数", FundsColumn::budget},
    {"full-yearbudget", FundsColumn::budget},
    {"全年执行数", FundsColumn::executed},
    {"executed", FundsColumn::executed},
    {"分值", FundsColumn::weight},
    {"分值权重", FundsColumn::weight},
    {"权重", FundsColumn::weight},
    {"weight", FundsColumn::weight},
    {"执行率", FundsColumn::rate},
    {"预算执行率", FundsColumn::rate},
    {"executionrate", FundsColumn::rate},
    {"得分", FundsColumn::score},
    {"score", FundsColumn::score},
    {"填报完成率", FundsColumn::reported_rate},
    {"reportedrate", FundsColumn::reported_rate},
    {"填报得分", FundsColumn::reported_score},
    {"reportedscore", FundsColumn::reported_score},
});

constexpr auto kLabels = std::to_array<Word<Label>>({
    {"项目名称", Label::project_name},
    {"project", Label::project_name},
    {"单位名称", Label::unit_name},
    {"unit", Label::unit_name},
    {"主管部门", Label::department},
    {"department", Label::department},
    {"实施单位", Label::implementer},
    {"implementingunit", Label::implementer},
    {"年度资金总额", Label::funds_total},
    {"资金总额", Label::funds_total},
    {"合计", Label::funds_total},
    {"totalfundsfortheyear", Label::funds_total},
    {"预期目标", Label::goals_planned},
    {"expected", Label::goals_planned},
    {"实际完成情况", Label::goals_achieved},
    {"achieved", Label::goals_achieved},
    {"总分", Label::total},
    {"total", Label::total},
    {"汇总", Label::summary},
    {"summary", Label::summary},
});

template <typename Role, std::size_t N>
std::optional<Role> find(const std::array<Word<Role>, N>& words, std::string_view text) {
  const std::string key = header_key(text);
  for (const auto& w : words) {
    if (w.key == key) {
      return w.role;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string header_key(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes, left, &c);
    if (n <= 0) {
      return key;  // not UTF-8 from here on: no header word
    }
    bytes += n;
    left -= n;
    const auto category = utf8proc_category(c);
    if (category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
        category == UTF8PROC_CATEGORY_ZP || c == '\n' || c == '\r' || c == '\t') {
      continue;
    }
    if (c == 0xFF08) {
      c = '(';  // （
    } else if (c == 0xFF09) {
      c = ')';  // ）
    } else if (c >= 'A' && c <= 'Z') {
      c += 'a' - 'A';
    }
    utf8proc_uint8_t out[4];
    const utf8proc_ssize_t m = utf8proc_encode_char(c, out);
    key.append(reinterpret_cast<const char*>(out), static_cast<std::size_t>(m));
  }
  return key;
}

std::optional<Column> indicator_column(std::string_view header) {
  return find(kIndicatorWords, header);
}

std::optional<FundsColumn> funds_column(std::string_view header) {
  return find(kFundsWords, header);
}

std::optional<Label> label(std::string_view text) {
  return find(kLabels, text);
}

}  // namespace perfeval::xlsx
