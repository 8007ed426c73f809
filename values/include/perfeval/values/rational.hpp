#pragma once

// Exact numbers for scoring.
//
// A Rational is a fraction of two 128-bit integers kept in lowest terms with a
// positive denominator. Every operation is exact; nothing is rounded unless a
// rule file asks for it through round_half_up(). A result that does not fit in
// 128 bits raises ArithmeticError instead of wrapping, so a score is either
// exact or an error, never silently wrong. No operation allocates.
//
// Precision: any decimal with up to 38 significant digits is represented
// exactly, and so is every quotient of such numbers as long as numerator and
// denominator of the reduced result fit in 127 bits. 11 * (63 / 88) is exactly
// 63/8 = 7.875, which round_half_up(2) turns into 7.88.

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace perfeval {

// Raised for overflow and division by zero; the message is a plain sentence.
class ArithmeticError : public std::runtime_error {
 public:
  enum class Kind { overflow, division_by_zero };
  ArithmeticError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Rational {
 public:
  using Int = __int128;

  constexpr Rational() = default;
  constexpr Rational(std::int64_t integer) : num_(integer) {}  // NOLINT: numbers convert freely
  // Builds num/den in lowest terms; throws ArithmeticError when den is 0.
  static Rational fraction(Int num, Int den);

  // Parses plain decimal text: "13", "-5", "2.30", "0.5", "1,602.88" (thousands
  // separators are accepted only in groups of three). Returns nullopt for
  // anything else; throws ArithmeticError when the number has too many digits.
  static std::optional<Rational> parse(std::string_view text);
  // The same text read as a number of percent: "96.25" -> 0.9625, exactly
  // parse(text) / 100.
  static std::optional<Rational> parse_percent(std::string_view text);

  Int numerator() const { return num_; }
  Int denominator() const { return den_; }
  int sign() const { return num_ > 0 ? 1 : (num_ < 0 ? -1 : 0); }
  bool is_zero() const { return num_ == 0; }
  bool is_integer() const { return den_ == 1; }

  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  friend Rational operator/(const Rational& a, const Rational& b);  // throws on b == 0
  Rational operator-() const;
  Rational& operator+=(const Rational& b) { return *this = *this + b; }

  friend bool operator==(const Rational& a, const Rational& b) = default;
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

  Rational abs() const { return sign() < 0 ? -*this : *this; }

  // Rounds to `digits` decimal places, halves away from zero (四舍五入):
  // 4.845 -> 4.85, -4.845 -> -4.85. digits may be 0..18.
  Rational round_half_up(int digits) const;
  // Rounds to `digits` decimal places toward the larger number (ceiling:
  // 9.81 -> 10 with 0 digits) or the smaller one (floor: 9.89 -> 9), for a
  // rule file that asks for `round score 0 up` or `down`. digits may be 0..18.
  Rational round_ceiling(int digits) const;
  Rational round_floor(int digits) const;

  // Fixed-point text with exactly `digits` decimals after rounding half-up:
  // 7.875 with 2 -> "7.88", 10 with 2 -> "10.00".
  std::string to_fixed(int digits) const;
  // The same text appended to `out`, for writers that build long lines, of
  // the value times 10^shift: a rate of 0.9625 with 2 digits and shift 2
  // appends "96.25". shift may be 0..18.
  void append_fixed(std::string& out, int digits, int shift = 0) const;
  // The same text written into `buffer`, for writers of their own.
  using FixedText = std::array<char, 64>;
  std::string_view format_fixed(FixedText& buffer, int digits, int shift = 0) const;

  // Shortest exact decimal text when the fraction terminates within 18
  // digits ("2.3", "153", "0.0315"); otherwise the value rounded to 18 places.
  std::string to_string() const;

 private:
  // num/den already in lowest terms with den > 0, as the products and sums
  // below make them: only the range is checked.
  static Rational reduced(Int num, Int den);
  // parse() for short plain decimals, divided by 10^shift; nullopt leaves
  // the text to the general reading.
  static std::optional<Rational> parse_plain(std::string_view text, int shift);
  // units / 10^decimals in lowest terms, without a gcd; decimals is 0..18.
  static Rational decimal(std::uint64_t units, int decimals);

  Int num_ = 0;
  Int den_ = 1;
};

}  // namespace perfeval
