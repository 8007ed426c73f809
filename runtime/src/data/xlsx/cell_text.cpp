// The text of a worksheet cell: column letters, cell names, and the decimal
// text of numbers and dates as Excel shows them.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "perfeval/runtime/internal/workbook.hpp"

namespace perfeval::xlsx {
namespace {

// Excel's limits: a sheet has 1,048,576 rows and 16,384 columns (XFD).
constexpr std::uint32_t kMaxRow = 1'048'576;
constexpr std::uint32_t kMaxColumn = 16'384;
// Excel keeps 15 significant digits; files written by other programs carry
// the 17 a double needs, which Excel itself never shows.
constexpr std::size_t kSignificantDigits = 15;
// An exponent further out than any figure in a table; beyond it the number
// is not read (rather than written out as thousands of zeros).
constexpr int kMaxExponent = 400;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string column_letters(std::uint32_t column) {
  std::string letters;
  for (std::uint32_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::string cell_name(std::uint32_t row, std::uint32_t column) {
  return column_letters(column) + std::to_string(row);
}

std::optional<CellAddress> parse_cell_name(std::string_view name) {
  std::size_t k = 0;
  std::uint32_t column = 0;
  for (; k < name.size() && k < 3; ++k) {
    const char c = name[k];
    const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (upper < 'A' || upper > 'Z') {
      break;
    }
    column = column * 26 + static_cast<std::uint32_t>(upper - 'A' + 1);
  }
  if (k == 0 || k == name.size() || !is_digit(name[k]) || name[k] == '0') {
    return std::nullopt;
  }
  std::uint32_t row = 0;
  const auto [end, error] = std::from_chars(name.data() + k, name.data() + name.size(), row);
  if (error != std::errc() || end != name.data() + name.size() || row > kMaxRow ||
      column > kMaxColumn) {
    return std::nullopt;
  }
  return CellAddress{row, column - 1};
}

std::optional<std::string> number_text(std::string_view decimal, bool percent) {
  // value = (negative ? -1 : 1) × 0.digits × 10^point
  std::size_t k = 0;
  const bool negative = k < decimal.size() && decimal[k] == '-';
  if (negative || (k < decimal.size() && decimal[k] == '+')) {
    ++k;
  }
  std::string digits;
  int point = 0;
  bool seen_point = false;
  bool any_digit = false;
  for (; k < decimal.size(); ++k) {
    const char c = decimal[k];
    if (is_digit(c)) {
      any_digit = true;
      if (digits.empty() && c == '0') {
        point -= seen_point ? 1 : 0;  // a leading zero moves nothing before the point
        continue;
      }
      digits += c;
      point += seen_point ? 0 : 1;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) {
    return std::nullopt;
  }
  if (k < decimal.size()) {
    if (decimal[k] != 'e' && decimal[k] != 'E') {
      return std::nullopt;
    }
    ++k;
    const bool exponent_negative = k < decimal.size() && decimal[k] == '-';
    if (k < decimal.size() && (decimal[k] == '-' || decimal[k] == '+')) {
      ++k;
    }
    int exponent = 0;
    const auto [end, error] =
        std::from_chars(decimal.data() + k, decimal.data() + decimal.size(), exponent);
    if (error != std::errc() || end != decimal.data() + decimal.size() || k == decimal.size() ||
        exponent > kMaxExponent) {
      return std::nullopt;
    }
    point += exponent_negative ? -exponent : exponent;
  }
  if (digits.empty()) {
    return percent ? "0%" : "0";
  }
  if (percent) {
    point += 2;
  }
  if (point > kMaxExponent || point < -kMaxExponent) {
    return std::nullopt;
  }
  if (digits.size() > kSignificantDigits) {
    const bool up = digits[kSignificantDigits] >= '5';
    digits.resize(kSignificantDigits);
    if (up) {
      std::size_t i = digits.size();
      while (i > 0 && digits[i - 1] == '9') {
        digits[--i] = '0';
      }
      if (i == 0) {
        digits.insert(digits.begin(), '1');
        ++point;
      } else {
        ++digits[i - 1];
      }
    }
  }
  while (!digits.empty() && digits.back() == '0' && static_cast<int>(digits.size()) > point) {
    digits.pop_back();
  }
  const int length = static_cast<int>(digits.size());
  std::string text = negative ? "-" : "";
  if (point <= 0) {
    text += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= length) {
    text += digits + std::string(static_cast<std::size_t>(point - length), '0');
  } else {
    text += digits.substr(0, static_cast<std::size_t>(point)) + "." +
            digits.substr(static_cast<std::size_t>(point));
  }
  return percent ? text + "%" : text;
}

std::optional<std::string> date_text(std::string_view decimal) {
  const auto whole = number_text(decimal, false);
  if (!whole || whole->find_first_not_of("0123456789") != std::string::npos || whole->size() > 7) {
    return std::nullopt;
  }
  const int serial = std::stoi(*whole);
  // Day 60 is 29 February 1900, a day that never was (kept by Excel for
  // Lotus 1-2-3); from day 61 on the count runs from 30 December 1899.
  if (serial < 61 || serial > 2'958'465) {  // 1 March 1900 to 31 December 9999
    return std::nullopt;
  }
  // Days since 1 March 0000 in the proleptic Gregorian calendar, taken apart
  // into era, year of era, day of year (from 1 March) and month.
  // Day 25,569 is 1 January 1970, which is day 719,468 from 1 March 0000.
  const long days = serial - 25'569L + 719'468L;
  const long era = days / 146'097;
  const long day_of_era = days - era * 146'097;
  const long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long shifted_month = (5 * day_of_year + 2) / 153;  // March is 0
  const long day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const long month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

}  // namespace perfeval::xlsx
