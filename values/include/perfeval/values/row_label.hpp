#pragma once

// The label of a funds row (上级资金, 本级资金, 其他资金, ...) as a formula
// names it: `executed[本级资金]`. Tables write the same row in several ways
// ("其中：本级资金", "本 级 资 金", "本级资金（县级）" with full-width
// brackets), and a row read from JSON, JSON Lines or a worksheet must be found
// by the same name: every reader compares labels by this key, never as
// written. Shared by the checker (the name in the rule) and the runtime (the
// rows of the table).

#include <string>
#include <string_view>

namespace perfeval {

// `label` without white space (ASCII, no-break and ideographic spaces), without
// a leading 其中 and the colon after it (： or :), with full-width brackets
// written as ASCII ones.
std::string row_label_key(std::string_view label);

// Whether a key names the total row of the funds block (合计, 资金总额,
// 年度资金总额, 总计): the plain variables read that row, not a row index.
bool is_total_row_key(std::string_view key);

}  // namespace perfeval
