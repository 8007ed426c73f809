#pragma once

// The one table of diagnostic texts, shared by the parser and the checker.
// A diagnostic names its message by code; the text is chosen when it is
// rendered, so the same diagnostic can be shown in Chinese or English.

#include <string_view>

namespace perfeval {

// One message in both languages. {0}, {1}, ... are filled from the
// diagnostic's arguments.
struct Message {
  std::string_view code;
  std::string_view en;
  std::string_view zh;
};

// The message for `code`, or nullptr when the table has none.
const Message* find_message(std::string_view code);

}  // namespace perfeval
