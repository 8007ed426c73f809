#pragma once

// The values that stand in a performance table: quantities with units,
// percentages, dates, months and qualitative words.
//
// Both the rule-file front end (targets) and the data loader (actual values)
// read value text through parse_value(), so "=13.41万人次" means the same
// thing wherever it is written.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "perfeval/values/rational.hpp"

namespace perfeval {

// A number with a unit. `amount` is in the base unit: "2.30万人" has amount
// 23000 and unit "人"; "96.25%" has amount 0.9625 and unit "%". Units are
// compared by name after the 万/亿 prefix is folded in and synonyms are mapped
// (天 is 日). An empty unit is a bare number.
struct Quantity {
  Rational amount;
  std::string unit;

  friend bool operator==(const Quantity&, const Quantity&) = default;
};

// A calendar day, always valid (parse_value rejects 2024年2月30日).
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  friend auto operator<=>(const Date&, const Date&) = default;
};

// A qualitative word: a target such as 长期 or 保障, or a grade such as
// 达到预期指标.
struct Word {
  std::string text;

  friend bool operator==(const Word&, const Word&) = default;
};

using Value = std::variant<Quantity, Date, Word>;

// How a target compares an actual value with its target value.
enum class CompareOp { ge, gt, le, lt, eq, none };

std::string_view to_string(CompareOp op);  // ">=", ">", "<=", "<", "=", ""

// Value text as written in the tables, with an optional leading operator:
// "=13.41万人次", ">=13人", "<=240万元", "=100%", "=0", "12月",
// "2024年12月10日前", "2024-12-10", "长期", "达到预期指标".
// A date followed by 前 and a bare date both mean "on or before" (<=).
struct ParsedValue {
  CompareOp op = CompareOp::none;
  Value value;
};

// Why value text could not be read, and the byte offset in the text where
// the problem is. Like a diagnostic it is data: the code names a sentence a
// finance officer can act on, written in Chinese and English in the front
// end's message table (lang/src/messages.cpp), and the arguments fill it in.
struct ValueError {
  std::size_t offset = 0;
  std::string_view code;          // "value-no-such-month": a literal, never freed
  std::vector<std::string> args;  // filled into the message's {0}, {1}, ...
};

// Parses value text. Never throws: numbers too large to hold exactly, dates
// that do not exist and malformed text all come back as ValueError.
std::variant<ParsedValue, ValueError> parse_value(std::string_view text);
// The same into `out`, reusing its storage, for readers of many values:
// false (and `out` in no particular state) where parse_value() gives a
// ValueError.
bool parse_value_into(std::string_view text, ParsedValue& out);

// Two values can be compared when they are both quantities of the same unit,
// both dates, or both words; a bare 0 compares with any unit.
bool comparable(const Value& a, const Value& b);

// Display text: "2.3万人" comes back as "23000人"; "0.9625 %" as "96.25%";
// dates as "2024年12月10日".
std::string to_display(const Value& v);
// A quantity's unit ("人", "%", "" for bare numbers); for a date or a word
// the message code that names what it is (value-kind-date, value-kind-text),
// worded in the reader's language where a message shows it as {n:word}.
std::string unit_of(const Value& v);

}  // namespace perfeval
