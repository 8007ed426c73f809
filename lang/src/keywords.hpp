#pragma once

// The keywords of docs/language.md and their spellings: the one table the
// grammar matches, the lowering reads back (which spelling a line used) and
// the formatter prints from. The first spelling of each is the English one.

#include <array>
#include <cstdint>
#include <string_view>

namespace perfeval {

// clang-format off
enum class Keyword : std::uint8_t {
  policy, method, project, indicator, total, round, rate, explain, funds, weight, target, grade,
  band, extends, score, met, skip, when, category, require, to, if_, then_, else_, and_, or_,
  not_, true_, false_, placeholder, up, down, use,
};

// Every spelling of a keyword; unused places are empty.
using Spellings = std::array<std::string_view, 3>;

inline constexpr std::array<Spellings, 33> kKeywordSpellings = {{
    {"policy", "政策"},
    {"method", "方法", "赋分规则"},
    {"project", "项目"},
    {"indicator", "指标"},
    {"total", "总分"},
    {"round", "舍入"},
    {"rate", "完成率"},
    {"explain", "说明"},
    {"funds", "资金"},
    {"weight", "权重"},
    {"target", "目标"},
    {"grade", "等级"},
    {"band", "档次"},
    {"extends", "继承"},
    {"score", "得分"},
    {"met", "达标"},
    {"skip", "跳过"},
    {"when", "当"},
    {"category", "类别"},
    {"require", "要求"},
    {"至"},  // between the two ends of a grade's band, as `..`
    {"if", "如果"},
    {"then", "则"},
    {"else", "否则"},
    {"and", "并且"},
    {"or", "或者"},
    {"not", "非"},
    {"true", "真"},
    {"false", "假"},
    {"placeholder", "占位"},  // an explanation written as this counts as none
    {"up", "向上"},           // `round score 0 up`: toward the larger number (ceiling)
    {"down", "向下"},         // `round score 0 down`: toward the smaller number (floor)
    {"use", "使用"},
}};
// clang-format on

constexpr const Spellings& spellings(Keyword k) {
  return kKeywordSpellings[static_cast<std::size_t>(k)];
}

// The spelling `index` of `k` (the AST keeps the index of the one written);
// the English one when the index is out of range.
constexpr std::string_view spelling(Keyword k, std::uint8_t index) {
  const Spellings& s = spellings(k);
  return index < s.size() && !s[index].empty() ? s[index] : s[0];
}

}  // namespace perfeval
