#pragma once

// How an indicator's target is read from the rule text: by the parser, and
// again when packed indicators are unpacked, so both read the same value.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "perfeval/values/value.hpp"

namespace perfeval::detail {

// Reads the target written as `raw`, starting at offset `begin` of its file.
// A quoted target is read without its quotes and escapes, and
// `source_offset`, when given, gets each byte's offset in the file, for
// messages; an unquoted one is read as written.
inline std::variant<ParsedValue, ValueError> read_target(
    std::string_view raw, std::uint32_t begin, std::vector<std::uint32_t>* source_offset) {
  if (!raw.starts_with('"'))
    return parse_value(raw);
  std::string unquoted;
  for (std::uint32_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] == '\\')
      ++i;
    unquoted += raw[i];
    if (source_offset)
      source_offset->push_back(begin + i);
  }
  return parse_value(unquoted);
}

}  // namespace perfeval::detail
