#include "perfeval/values/value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "perfeval/values/utf8.hpp"

namespace perfeval {
namespace {

using Result = std::variant<ParsedValue, ValueError>;

// ---------------------------------------------------------------- UTF-8 text

using utf8::CodePoint;

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF;
}

bool is_ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_fullwidth_digit(char32_t c) {
  return c >= 0xFF10 && c <= 0xFF19;
}
bool is_ascii_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Punctuation and symbols, half- and full-width, that end a unit: "13人。" is
// 13 人 followed by a stray full stop, not a unit named "人。".
bool is_punctuation(char32_t c) {
  return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) ||
         (c >= 0xFF00 && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65) || (c >= 0xFFE0 && c <= 0xFFEF);
}

bool is_unit_char(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF)
    return true;  // CJK Unified Ideographs: 人, 万元, 篇, ...
  return c >= 0x80 && !is_space(c) && !is_punctuation(c);
}

// Moves over text that parse_value has already checked to be valid UTF-8.
class Reader {
 public:
  Reader(std::string_view text, std::size_t end) : text_(text), end_(end) {}

  std::size_t pos() const { return pos_; }
  bool at_end() const { return pos_ >= end_; }
  char32_t peek() const { return at_end() ? 0 : point().value; }
  char byte_after(std::size_t ahead) const {
    return pos_ + ahead < end_ ? text_[pos_ + ahead] : '\0';
  }
  std::string_view slice(std::size_t from) const { return text_.substr(from, pos_ - from); }
  std::string_view rest() const { return text_.substr(pos_, end_ - pos_); }

  void advance() { pos_ += point().size; }
  bool consume(std::string_view word) {
    if (rest().substr(0, word.size()) != word)
      return false;
    pos_ += word.size();
    return true;
  }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) advance();
  }
  std::string_view digits() {
    const std::size_t from = pos_;
    while (!at_end() && is_ascii_digit(peek())) ++pos_;
    return slice(from);
  }

 private:
  CodePoint point() const { return utf8::decode(text_, pos_).value_or(CodePoint{0, 1}); }

  std::string_view text_;
  std::size_t end_;
  std::size_t pos_ = 0;
};

// End of the text without trailing spaces (full-width ones included).
std::size_t trimmed_end(std::string_view text) {
  // Usually there are none: the last character is no space.
  if (!text.empty()) {
    const std::size_t last = utf8::code_point_start(text, text.size() - 1);
    if (const auto point = utf8::decode(text, last);
        point && last + point->size == text.size() && !is_space(point->value)) {
      return text.size();
    }
  }
  std::size_t end = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const CodePoint point = *utf8::decode(text, pos);
    pos += point.size;
    if (!is_space(point.value))
      end = pos;
  }
  return end;
}

// ---------------------------------------------------------------- messages

// Keeps messages readable when the text is a 400-digit number.
std::string shorten(std::string_view text) {
  constexpr std::size_t kLimit = 40;
  if (text.size() <= kLimit)
    return std::string(text);
  std::size_t cut = kLimit;
  while (cut > 0 && utf8::is_continuation(text[cut])) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

// A problem found at `offset`; its text, in each language, is in
// lang/src/messages.cpp under `code`.
ValueError error(std::size_t offset, std::string_view code, std::vector<std::string> args = {}) {
  return ValueError{offset, code, std::move(args)};
}

ValueError too_large(std::size_t offset, std::string_view number) {
  return error(offset, "value-too-large", {shorten(number)});
}

// ---------------------------------------------------------------- operators

struct OperatorSpelling {
  std::string_view text;
  CompareOp op;
};

// Two-character spellings come before their one-character prefixes.
constexpr std::array<OperatorSpelling, 14> kOperators{{
    {">=", CompareOp::ge},
    {"<=", CompareOp::le},
    {"＞＝", CompareOp::ge},
    {"＜＝", CompareOp::le},
    {"≥", CompareOp::ge},
    {"≤", CompareOp::le},
    {"≧", CompareOp::ge},
    {"≦", CompareOp::le},
    {">", CompareOp::gt},
    {"<", CompareOp::lt},
    {"＞", CompareOp::gt},
    {"＜", CompareOp::lt},
    {"=", CompareOp::eq},
    {"＝", CompareOp::eq},
}};

CompareOp read_operator(Reader& reader) {
  // Every spelling starts with one of these bytes; a value mostly starts with a digit.
  const auto lead = static_cast<unsigned char>(reader.byte_after(0));
  if (lead != '>' && lead != '<' && lead != '=' && lead != 0xEF && lead != 0xE2) {
    return CompareOp::none;
  }
  // The "=" of most actual values ("=69人"): no longer spelling starts with it.
  if (lead == '=') {
    reader.consume("=");
    return CompareOp::eq;
  }
  for (const auto& spelling : kOperators) {
    if (reader.consume(spelling.text))
      return spelling.op;
  }
  return CompareOp::none;
}

// ---------------------------------------------------------------- dates

bool is_leap_year(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Month and day numbers; anything longer than four digits is out of range anyway.
int small_number(std::string_view digits) {
  if (digits.size() > 4)
    return 9999;
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

// A date as written, with where its month and day begin for error offsets.
struct DateText {
  std::size_t start;
  std::size_t month_pos;
  std::size_t day_pos;
  int year;
  std::string_view month;
  std::string_view day;
};

std::optional<ValueError> check_calendar(const DateText& date, std::string_view written) {
  const int month = small_number(date.month);
  const int day = small_number(date.day);
  if (month < 1 || month > 12) {
    return error(date.month_pos, "value-no-such-month",
                 {shorten(written), std::string(date.month)});
  }
  if (day < 1) {
    return error(date.day_pos, "value-no-such-day", {shorten(written), std::string(date.day)});
  }
  const int days = days_in_month(date.year, month);
  if (day > days) {
    return error(
        date.day_pos, "value-past-month-end",
        {shorten(written), std::to_string(date.year), std::to_string(month), std::to_string(days)});
  }
  return std::nullopt;
}

// Validates the calendar, then reads the optional 前 ("before") and the end.
Result finish_date(Reader& reader, const DateText& date, CompareOp op) {
  const std::string_view written = reader.slice(date.start);
  if (auto problem = check_calendar(date, written))
    return *problem;
  reader.skip_spaces();
  // 前 and a bare date both mean "on or before"; an explicit operator wins.
  if (!reader.consume("以前") && !reader.consume("之前"))
    reader.consume("前");
  reader.skip_spaces();
  if (!reader.at_end()) {
    return error(reader.pos(), "value-text-after-date", {shorten(reader.rest()), shorten(written)});
  }
  const Date value{date.year, small_number(date.month), small_number(date.day)};
  return ParsedValue{op == CompareOp::none ? CompareOp::le : op, value};
}

// "2024-12-10" (one-digit months and days are accepted too).
Result parse_iso_date(Reader& reader, CompareOp op) {
  DateText date{};
  date.start = reader.pos();
  const std::string_view whole = reader.rest();
  const std::string_view year = reader.digits();
  date.year = small_number(year);
  reader.consume("-");
  date.month_pos = reader.pos();
  date.month = reader.digits();
  const bool dash = reader.consume("-");
  date.day_pos = reader.pos();
  date.day = reader.digits();
  // A year of 0242 is a slip, and would be shown as 242.
  if (year.starts_with('0') || !dash || date.month.empty() || date.month.size() > 2 ||
      date.day.empty() || date.day.size() > 2) {
    return error(date.start, "value-bad-iso-date", {shorten(whole)});
  }
  return finish_date(reader, date, op);
}

// "2024年12月10日"; the caller has seen the 年.
Result parse_chinese_date(Reader& reader, CompareOp op) {
  DateText date{};
  date.start = reader.pos();
  const std::string_view whole = reader.rest();
  const bool negative = reader.consume("-");
  const std::string_view year = reader.digits();
  reader.consume("年");
  if (year.size() == 4 && year.starts_with('0')) {
    return error(date.start, "value-year-starts-with-zero", {shorten(whole)});
  }
  if (negative || year.size() != 4) {
    return error(date.start, "value-year-not-four-digits", {shorten(whole)});
  }
  date.year = small_number(year);
  date.month_pos = reader.pos();
  date.month = reader.digits();
  if (date.month.empty() || !reader.consume("月")) {
    return error(date.month_pos, "value-no-month", {shorten(whole)});
  }
  date.day_pos = reader.pos();
  date.day = reader.digits();
  if (date.day.empty()) {
    const std::string_view written = reader.slice(date.start);
    return error(date.day_pos, "value-no-day", {shorten(written)});
  }
  if (!reader.consume("日")) {
    return error(reader.pos(), "value-no-day-mark", {shorten(whole)});
  }
  return finish_date(reader, date, op);
}

// ---------------------------------------------------------------- quantities

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '.' || c == ',';
}

std::string_view read_number_text(Reader& reader) {
  const std::size_t start = reader.pos();
  if (!reader.consume("-"))
    reader.consume("+");  // so "+5" is reported as a number
  while (!reader.at_end() && reader.peek() < 0x80 &&
         is_number_char(static_cast<char>(reader.peek()))) {
    reader.advance();
  }
  return reader.slice(start);
}

// "%", a run of Chinese characters, or nothing for a bare number.
std::string_view read_unit(Reader& reader) {
  const std::size_t start = reader.pos();
  if (reader.consume("%") || reader.consume("％"))
    return "%";
  while (!reader.at_end() && is_unit_char(reader.peek())) reader.advance();
  return reader.slice(start);
}

ValueError not_a_unit(Reader reader) {
  const std::size_t start = reader.pos();
  while (!reader.at_end() && is_ascii_letter(reader.peek())) reader.advance();
  const std::string_view unit = reader.slice(start);
  return error(start, "value-not-a-unit", {shorten(unit)});
}

struct UnitPrefix {
  std::string_view text;
  std::int64_t factor;
};

constexpr std::array<UnitPrefix, 2> kUnitPrefixes{{{"万", 10'000}, {"亿", 100'000'000}}};

// Folds 万 and 亿 into the amount ("2.30万人" is 23000 人, "1万亿元" is 10^12 元)
// and maps synonyms, so equal quantities have equal units. A unit that is just
// 万 stays as it is. Written into `out`, reusing its storage.
void normalize_into(Rational amount, std::string_view unit, Quantity& out) {
  if (unit == "%") {
    out.amount = amount / 100;
    out.unit.assign(1, '%');  // not assign("%"), which g++ 12 warns of wrongly (-Wrestrict)
    return;
  }
  for (bool folded = true; folded;) {
    folded = false;
    for (const auto& prefix : kUnitPrefixes) {
      if (unit.size() > prefix.text.size() && unit.starts_with(prefix.text)) {
        amount = amount * prefix.factor;
        unit.remove_prefix(prefix.text.size());
        folded = true;
      }
    }
  }
  if (unit == "天")
    unit = "日";
  out.amount = amount;
  out.unit.assign(unit);
}

Quantity normalize(Rational amount, std::string_view unit) {
  Quantity quantity;
  normalize_into(amount, unit, quantity);
  return quantity;
}

ValueError not_a_number(std::size_t offset, std::string_view number) {
  if (number.starts_with('+')) {
    return error(offset, "value-plus-sign", {shorten(number)});
  }
  if (number.starts_with('.') || number.starts_with("-.")) {
    return error(offset, "value-no-zero-before-point", {shorten(number)});
  }
  return error(offset, "value-not-a-number", {shorten(number)});
}

Result parse_quantity(Reader& reader, CompareOp op) {
  const std::size_t start = reader.pos();
  const std::string_view number = read_number_text(reader);
  try {
    const std::optional<Rational> amount = Rational::parse(number);
    if (!amount)
      return not_a_number(start, number);
    reader.skip_spaces();
    const std::string_view unit = read_unit(reader);
    if (unit.empty() && is_ascii_letter(reader.peek()))
      return not_a_unit(reader);
    const std::string_view written = reader.slice(start);
    reader.skip_spaces();
    if (!reader.at_end()) {
      return error(reader.pos(), "value-text-after-quantity",
                   {shorten(reader.rest()), shorten(written)});
    }
    Quantity quantity = normalize(*amount, unit);
    // Values are shown with at most 18 decimals; one with more would be shown
    // as a different number from the one scored.
    if (quantity.amount.round_half_up(18) != quantity.amount) {
      return error(start, "value-too-many-decimals", {shorten(written)});
    }
    return ParsedValue{op, std::move(quantity)};
  } catch (const ArithmeticError&) {
    return too_large(start, number);
  }
}

// ---------------------------------------------------------------- the usual case

// "=13.41万人次", ">=13人", "96.25%", "0": an operator of ASCII characters,
// a plain decimal, a unit of Chinese characters or %, and nothing else.
// Most values in a table look like this; reading them here skips the
// general reader's character-by-character decoding. Anything else — spaces,
// separators, dates, words, full-width forms, every mistake — gives
// false and is left to the general reader, which also has the messages.
// The value is written into `out`, reusing its storage.
bool read_plain_quantity(std::string_view text, ParsedValue& out) {
  // The operator by the general reader's own table (it reads spellings
  // byte by byte, which needs no decoding).
  Reader reader(text, text.size());
  const CompareOp op = read_operator(reader);
  std::size_t i = reader.pos();
  const std::size_t number_start = i;
  if (i < text.size() && text[i] == '-') {
    ++i;
  }
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) {
    ++i;
  }
  const std::string_view number = text.substr(number_start, i - number_start);
  // Short enough that reading it cannot overflow.
  if (number.size() > 18) {
    return false;
  }
  const std::string_view unit = text.substr(i);
  const bool percent = unit == "%";
  // A percentage is read as its fraction at once: 96.25% is 0.9625.
  const std::optional<Rational> amount =
      percent ? Rational::parse_percent(number) : Rational::parse(number);
  if (!amount) {
    return false;
  }
  if (unit.starts_with("年")) {
    return false;  // perhaps a date
  }
  for (std::size_t pos = 0; !percent && pos < unit.size();) {
    const auto point = utf8::decode(unit, pos);
    if (!point || !is_unit_char(point->value)) {
      return false;
    }
    pos += point->size;
  }
  // No check of the 18 decimals perfeval keeps: 18 characters with a digit
  // and a point before the decimals leave at most 16 of them, 18 as a
  // percentage, and 万 and 亿 only take decimals away.
  out.op = op;
  auto* quantity = std::get_if<Quantity>(&out.value);
  if (!quantity) {
    quantity = &out.value.emplace<Quantity>();
  }
  if (percent) {
    quantity->amount = *amount;
    quantity->unit.assign(1, '%');  // not assign("%"), which g++ 12 warns of wrongly (-Wrestrict)
  } else {
    try {
      normalize_into(*amount, unit, *quantity);
    } catch (const ArithmeticError&) {
      // 万万亿万万亿 multiplied past what is held exactly: the general
      // reader says so, with the value.
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- dispatch

// "5", "-5", and the malformed "+5" and ".5", which get a hint as numbers
// rather than being taken for words.
bool starts_number(const Reader& reader) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t ahead = 0;
  if (reader.byte_after(ahead) == '-' || reader.byte_after(ahead) == '+')
    ++ahead;
  if (reader.byte_after(ahead) == '.')
    ++ahead;
  return is_digit(reader.byte_after(ahead));
}

// Dates are told from quantities by what follows the first digits: "2024-"
// and "2024年" start dates, while "12月" and "3年" are counts.
Result parse_number_or_date(Reader& reader, CompareOp op) {
  Reader probe = reader;
  const bool negative = probe.consume("-");
  const std::string_view lead = probe.digits();
  if (!negative && lead.size() == 4 && probe.byte_after(0) == '-') {
    return parse_iso_date(reader, op);
  }
  if (probe.consume("年")) {
    if (lead.size() == 4 || is_ascii_digit(probe.peek()))
      return parse_chinese_date(reader, op);
  }
  return parse_quantity(reader, op);
}

std::string with_halfwidth_digits(std::string_view text) {
  std::string result;
  for (std::size_t pos = 0; pos < text.size();) {
    const CodePoint point = *utf8::decode(text, pos);
    if (is_fullwidth_digit(point.value)) {
      result += static_cast<char>('0' + (point.value - 0xFF10));
    } else {
      result += text.substr(pos, point.size);
    }
    pos += point.size;
  }
  return result;
}

Result parse_word(Reader& reader, CompareOp op) {
  const std::string_view word = reader.rest();
  for (; !reader.at_end(); reader.advance()) {
    if (is_fullwidth_digit(reader.peek())) {
      const std::string fixed = with_halfwidth_digits(word);
      return error(reader.pos(), "value-full-width-digits", {shorten(word), shorten(fixed)});
    }
    if (is_ascii_digit(reader.peek())) {
      return error(reader.pos(), "value-digits-in-word", {shorten(word)});
    }
  }
  return ParsedValue{op, Word{std::string(word)}};
}

// ---------------------------------------------------------------- display

// For a percentage too large to multiply by 100: move the decimal point in
// the text instead, which is exact.
std::string shift_two_places(std::string text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative)
    text.erase(0, 1);
  std::size_t dot = text.find('.');
  if (dot == std::string::npos)
    dot = text.size();
  std::string digits = text.substr(0, dot) + (dot < text.size() ? text.substr(dot + 1) : "");
  const std::size_t point = dot + 2;
  if (digits.size() < point)
    digits.append(point - digits.size(), '0');
  std::string whole = digits.substr(0, point);
  std::string fraction = digits.substr(point);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  fraction.erase(fraction.find_last_not_of('0') + 1);
  return (negative ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction);
}

std::string percent_text(const Rational& amount) {
  try {
    return (amount * 100).to_string() + "%";
  } catch (const ArithmeticError&) {
    return shift_two_places(amount.to_string()) + "%";
  }
}

}  // namespace

std::string_view to_string(CompareOp op) {
  switch (op) {
    case CompareOp::ge:
      return ">=";
    case CompareOp::gt:
      return ">";
    case CompareOp::le:
      return "<=";
    case CompareOp::lt:
      return "<";
    case CompareOp::eq:
      return "=";
    case CompareOp::none:
      return "";
  }
  return "";
}

namespace {

// Every value read_plain_quantity() leaves, and every message.
Result parse_general(std::string_view text) {
  if (const auto bad = utf8::find_invalid(text)) {
    return error(*bad, "value-invalid-utf8");
  }
  Reader reader(text, trimmed_end(text));
  reader.skip_spaces();
  if (reader.at_end())
    return error(0, "value-empty");
  const std::size_t op_start = reader.pos();
  const CompareOp op = read_operator(reader);
  const std::string_view op_text = reader.slice(op_start);
  reader.skip_spaces();
  if (reader.at_end()) {
    return error(reader.pos(), "value-operator-alone", {shorten(op_text)});
  }
  if (Reader probe = reader; op != CompareOp::none && read_operator(probe) != CompareOp::none) {
    const std::string_view written = text.substr(op_start);
    return error(reader.pos(), "value-two-operators", {shorten(written)});
  }
  if (starts_number(reader))
    return parse_number_or_date(reader, op);
  return parse_word(reader, op);
}

}  // namespace

std::variant<ParsedValue, ValueError> parse_value(std::string_view text) {
  if (ParsedValue plain; read_plain_quantity(text, plain)) {
    return plain;
  }
  return parse_general(text);
}

bool parse_value_into(std::string_view text, ParsedValue& out) {
  if (read_plain_quantity(text, out)) {
    return true;
  }
  auto parsed = parse_general(text);
  if (auto* value = std::get_if<ParsedValue>(&parsed)) {
    out = std::move(*value);
    return true;
  }
  return false;
}

bool comparable(const Value& a, const Value& b) {
  if (a.index() != b.index())
    return false;
  const auto* qa = std::get_if<Quantity>(&a);
  const auto* qb = std::get_if<Quantity>(&b);
  if (qa == nullptr)
    return true;
  const auto bare_zero = [](const Quantity& q) { return q.amount.is_zero() && q.unit.empty(); };
  return qa->unit == qb->unit || bare_zero(*qa) || bare_zero(*qb);
}

std::string to_display(const Value& v) {
  if (const auto* q = std::get_if<Quantity>(&v)) {
    return q->unit == "%" ? percent_text(q->amount) : q->amount.to_string() + q->unit;
  }
  if (const auto* d = std::get_if<Date>(&v))
    return fmt::format("{}年{}月{}日", d->year, d->month, d->day);
  return std::get<Word>(v).text;
}

std::string unit_of(const Value& v) {
  if (const auto* q = std::get_if<Quantity>(&v))
    return q->unit;
  if (std::holds_alternative<Date>(v))
    return "value-kind-date";
  return "value-kind-text";
}

}  // namespace perfeval
