#include "perfeval/values/row_label.hpp"

#include <array>

#include "perfeval/values/utf8.hpp"

namespace perfeval {

std::string row_label_key(std::string_view label) {
  std::string key;
  key.reserve(label.size());
  std::size_t pos = 0;
  while (pos < label.size()) {
    const auto cp = utf8::decode(label, pos);
    if (!cp) {
      key.push_back(label[pos++]);  // kept as it is: compared byte for byte
      continue;
    }
    const std::string_view bytes = label.substr(pos, cp->size);
    pos += cp->size;
    switch (cp->value) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case 0x00A0:  // no-break space
      case 0x3000:  // ideographic space, used to spread 合　　计 across a cell
        continue;
      case 0xFF08:  // （
        key.push_back('(');
        continue;
      case 0xFF09:  // ）
        key.push_back(')');
        continue;
      default:
        key.append(bytes);
    }
  }
  // "其中：本级资金" is a part of the total, named 本级资金.
  constexpr std::string_view kOfWhich = "其中";
  if (key.starts_with(kOfWhich) && key.size() > kOfWhich.size()) {
    std::string_view rest = std::string_view(key).substr(kOfWhich.size());
    for (const std::string_view colon : {std::string_view("："), std::string_view(":")}) {
      if (rest.starts_with(colon)) {
        rest.remove_prefix(colon.size());
        break;
      }
    }
    if (!rest.empty()) {
      key = std::string(rest);
    }
  }
  return key;
}

bool is_total_row_key(std::string_view key) {
  constexpr std::array<std::string_view, 4> kTotals = {"合计", "总计", "资金总额", "年度资金总额"};
  for (const std::string_view total : kTotals) {
    if (key == total) {
      return true;
    }
  }
  return false;
}

}  // namespace perfeval
