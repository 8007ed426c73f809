// The rows of a funds block (上级资金, 本级资金, ...) as audit and formulas
// read them: one reading of a printed amount, one way of finding a row by
// its label, whichever reader (JSON, JSON Lines, worksheet) produced it.

#include "perfeval/runtime/data.hpp"
#include "perfeval/values/row_label.hpp"

namespace perfeval {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Blank, or a dash or slash: no amount in the cell.
bool given(std::string_view text) {
  return !(text.empty() || text == "/" || text == "-" || text == "—" || text == "－" ||
           text == "／");
}

}  // namespace

bool funds_cell_given(std::string_view text) {
  return given(trimmed(text));
}

FundsCell read_funds_cell(std::string_view text) {
  text = trimmed(text);
  if (!given(text)) {
    return {};
  }
  try {
    return {true, Rational::parse(text)};
  } catch (const ArithmeticError&) {
    return {true, std::nullopt};
  }
}

const FundsSource* find_funds_row(std::span<const FundsSource> rows, std::string_view key) {
  for (const FundsSource& row : rows) {
    if (row_label_key(row.name) == key) {
      return &row;
    }
  }
  return nullptr;
}

}  // namespace perfeval
