#include "perfeval/values/rational.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>

#include "perfeval/values/internal/rational_units.hpp"

namespace perfeval {
namespace {

using Int = Rational::Int;
using UInt = unsigned __int128;

constexpr Int kMax = static_cast<Int>(~UInt{0} >> 1);

constexpr int kMaxDigits = 18;
constexpr int kMaxParsedDecimals = 38;  // 10^38 still fits in 127 bits

[[noreturn]] void overflow(const char* sentence) {
  throw ArithmeticError(ArithmeticError::Kind::overflow, sentence);
}

Int checked_add(Int a, Int b, const char* sentence) {
  Int result = 0;
  if (__builtin_add_overflow(a, b, &result))
    overflow(sentence);
  return result;
}

bool fits_64(Int v) {
  return v == static_cast<std::int64_t>(v);
}

bool fits_64(UInt v) {
  return (v >> 64) == 0;
}

Int checked_mul(Int a, Int b, const char* sentence) {
  // Scores and rates are small numbers: two 64-bit factors cannot overflow
  // 128 bits, and the check below is a library call.
  if (fits_64(a) && fits_64(b))
    return a * b;
  Int result = 0;
  if (__builtin_mul_overflow(a, b, &result))
    overflow(sentence);
  return result;
}

UInt magnitude(Int v) {
  return v < 0 ? UInt{0} - static_cast<UInt>(v) : static_cast<UInt>(v);
}

// 128-bit division is a library call; most operands fit in 64 bits, and
// most divisors in scoring are 1 (a common factor that was not there).
UInt quotient(UInt a, UInt b) {
  if (b == 1)
    return a;
  if (fits_64(a) && fits_64(b))
    return static_cast<std::uint64_t>(a) / static_cast<std::uint64_t>(b);
  return a / b;
}

Int quotient(Int a, Int b) {
  if (b == 1)
    return a;
  if (fits_64(a) && fits_64(b) && b != -1)
    return static_cast<std::int64_t>(a) / static_cast<std::int64_t>(b);
  return a / b;
}

// Stein's binary algorithm: shifts and subtractions, no division.
std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
  if (a == 0)
    return b;
  if (b == 0)
    return a;
  // An integer's denominator: the loop below would take a step per bit.
  if (a == 1 || b == 1)
    return 1;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  b >>= __builtin_ctzll(b);
  // Both odd from here. Each step keeps the smaller and the difference
  // without its twos, written so that the compiler chooses without
  // branching: which of two is smaller is a coin toss to the branch
  // predictor, and the misses made a gcd twice as slow.
  while (a != b) {
    const std::uint64_t smaller = a < b ? a : b;
    const std::uint64_t difference = a < b ? b - a : a - b;
    a = smaller;
    b = difference >> __builtin_ctzll(difference);
  }
  return a << shift;
}

UInt gcd(UInt a, UInt b) {
  if (fits_64(a) && fits_64(b))
    return gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
  while (b != 0) {
    const UInt rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

// One argument is always a denominator, so the result fits in Int.
Int gcd(Int a, Int b) {
  return static_cast<Int>(gcd(magnitude(a), magnitude(b)));
}

constexpr std::array<std::uint64_t, kMaxDigits + 1> kPowersOf10 = [] {
  std::array<std::uint64_t, kMaxDigits + 1> powers{};
  std::uint64_t power = 1;
  for (auto& p : powers) {
    p = power;
    power *= 10;
  }
  return powers;
}();

// digits is 0..18, checked by the callers.
std::uint64_t pow10(int digits) {
  return kPowersOf10[static_cast<std::size_t>(digits)];
}

void check_digits(int digits) {
  if (digits < 0 || digits > kMaxDigits) {
    throw std::invalid_argument("Rounding digits must be between 0 and 18.");
  }
}

// A 256-bit product, so that a/b and c/d compare as a*d and c*b even when the
// products need more than 128 bits.
struct Wide {
  UInt high;
  UInt low;

  friend auto operator<=>(const Wide&, const Wide&) = default;
};

Wide multiply_wide(UInt x, UInt y) {
  constexpr UInt kLowMask = ~std::uint64_t{0};
  const UInt x0 = x & kLowMask, x1 = x >> 64;
  const UInt y0 = y & kLowMask, y1 = y >> 64;
  const UInt p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
  // Three terms below 2^64 each: the sum cannot wrap.
  const UInt middle = (p00 >> 64) + (p01 & kLowMask) + (p10 & kLowMask);
  return {p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64), (middle << 64) | (p00 & kLowMask)};
}

// The next decimal digit of rest/d (rest < d), advancing rest. 10 * rest can
// exceed 128 bits when d is close to 2^127, so the digit is counted by adding
// rest ten times modulo d instead.
unsigned next_digit(UInt& rest, UInt d) {
  UInt accumulated = 0;
  unsigned digit = 0;
  for (int i = 0; i < 10; ++i) {
    if (rest >= d - accumulated) {
      accumulated = rest - (d - accumulated);
      ++digit;
    } else {
      accumulated += rest;
    }
  }
  rest = accumulated;
  return digit;
}

// n/d rounded half away from zero to `digits` decimals, as whole + fraction / 10^digits.
struct Decimal {
  UInt whole;
  std::uint64_t fraction;
};

Decimal round_magnitude(UInt n, UInt d, int digits) {
  if (d == 1) {
    return Decimal{n, 0};  // whole numbers, as many scores and rates are
  }
  if (fits_64(n) && fits_64(d)) {
    // n·10^digits stays below 2^124: one division gives every digit, and
    // the remainder decides the rounding.
    const UInt scale = pow10(digits);
    const UInt scaled = n * scale;
    UInt q = quotient(scaled, d);
    const UInt rest = scaled - q * d;
    if (rest >= d - rest) {
      ++q;
    }
    const UInt whole = quotient(q, scale);
    return Decimal{whole, static_cast<std::uint64_t>(q - whole * scale)};
  }
  Decimal result{n / d, 0};
  UInt rest = n % d;
  for (int i = 0; i < digits; ++i) result.fraction = result.fraction * 10 + next_digit(rest, d);
  if (rest >= d - rest) {  // rest / d >= 1/2, written so that nothing overflows
    if (++result.fraction == pow10(digits)) {
      result.fraction = 0;
      ++result.whole;  // whole < 2^127 here, so this cannot wrap
    }
  }
  return result;
}

// The decimal digits of `value`, written backwards so that they end just
// before `end`; returns where they start.
char* write_digits_backward(char* end, UInt value) {
  if (fits_64(value)) {
    auto small = static_cast<std::uint64_t>(value);
    do {
      *--end = static_cast<char>('0' + small % 10);
      small /= 10;
    } while (small != 0);
    return end;
  }
  do {
    *--end = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  return end;
}

// The decimal with `digits` decimals, or fewer when `trim_zeros` drops the
// trailing zeros, written into `buffer` (a sign, 39 whole digits, a point,
// 18 decimals) rather than built from pieces: reports write millions of
// these.
std::string_view format_decimal(Rational::FixedText& buffer, bool negative, const Decimal& decimal,
                                int digits, bool trim_zeros) {
  char* const end = buffer.data() + buffer.size();
  char* start = end;
  std::uint64_t fraction = decimal.fraction;
  int shown = digits;
  while (trim_zeros && shown > 0 && fraction % 10 == 0) {
    fraction /= 10;
    --shown;
  }
  if (shown > 0) {
    for (int i = 0; i < shown; ++i) {
      *--start = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    *--start = '.';
  }
  start = write_digits_backward(start, decimal.whole);
  if (negative && (decimal.whole != 0 || decimal.fraction != 0)) {
    *--start = '-';
  }
  return {start, static_cast<std::size_t>(end - start)};
}

// scaled / d rounded half away from zero, for magnitudes; written so that
// nothing overflows.
template <typename Unsigned>
Unsigned rounded_quotient(Unsigned scaled, Unsigned d) {
  const Unsigned units = scaled / d;
  const Unsigned rest = scaled - units * d;
  return rest >= d - rest ? units + 1 : units;
}

// |num / den| rounded half up to `digits` decimals, as a whole number of
// 10^-digits, when num, den and |num| · 10^digits all fit in 64 bits, as
// every score and rate does.
std::optional<std::uint64_t> rounded_units_64(Int num, Int den, int digits) {
  std::uint64_t scaled = 0;
  if (!fits_64(num) || !fits_64(den) ||
      __builtin_mul_overflow(static_cast<std::uint64_t>(magnitude(num)), pow10(digits), &scaled)) {
    return std::nullopt;
  }
  return rounded_quotient(scaled, static_cast<std::uint64_t>(den));
}

// units / 10^digits with exactly `digits` decimals, written into `buffer`
// from the last digit back, the point set as the digits go by.
std::string_view format_units(Rational::FixedText& buffer, bool negative, UInt units, int digits) {
  char* const end = buffer.data() + buffer.size();
  char* start = end;
  if (!fits_64(units)) {
    return format_decimal(
        buffer, negative,
        Decimal{units / pow10(digits), static_cast<std::uint64_t>(units % pow10(digits))}, digits,
        false);
  }
  auto rest = static_cast<std::uint64_t>(units);
  for (int i = 0; i < digits; ++i) {
    *--start = static_cast<char>('0' + rest % 10);
    rest /= 10;
  }
  if (digits > 0) {
    *--start = '.';
  }
  start = write_digits_backward(start, rest);
  if (negative && units != 0) {
    *--start = '-';
  }
  return {start, static_cast<std::size_t>(end - start)};
}

// Decimals needed to write 1/den exactly, or nullopt when that takes more than
// kMaxDigits (or never ends, because den has a prime factor other than 2 and 5).
std::optional<int> terminating_digits(Int den) {
  int twos = 0, fives = 0;
  while (den % 2 == 0) {
    den /= 2;
    ++twos;
  }
  while (den % 5 == 0) {
    den /= 5;
    ++fives;
  }
  const int digits = twos > fives ? twos : fives;
  if (den != 1 || digits > kMaxDigits)
    return std::nullopt;
  return digits;
}

bool all_digits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9')
      return false;
  }
  return true;
}

// "1602" or "1,602,000": separators only between proper groups of three.
bool valid_integer_part(std::string_view text) {
  const std::size_t first_comma = text.find(',');
  if (first_comma == std::string_view::npos)
    return !text.empty() && all_digits(text);
  if (first_comma == 0 || first_comma > 3 || !all_digits(text.substr(0, first_comma))) {
    return false;
  }
  for (std::size_t pos = first_comma; pos < text.size(); pos += 4) {
    if (text[pos] != ',' || text.size() - pos < 4 || !all_digits(text.substr(pos + 1, 3))) {
      return false;
    }
  }
  return true;
}

Int accumulate_digits(Int value, std::string_view digits) {
  constexpr const char* kTooLong = "The number has too many digits to be held exactly.";
  for (const char c : digits) {
    if (c == ',')
      continue;
    value = checked_add(checked_mul(value, 10, kTooLong), c - '0', kTooLong);
  }
  return value;
}

}  // namespace

Rational Rational::fraction(Int num, Int den) {
  if (den == 0) {
    throw ArithmeticError(ArithmeticError::Kind::division_by_zero,
                          "Division by zero: the denominator is 0.");
  }
  if (den == 1 && num != std::numeric_limits<Int>::min()) {
    Rational whole;  // already in lowest terms
    whole.num_ = num;
    return whole;
  }
  const bool negative = (num < 0) != (den < 0);
  UInt n = magnitude(num), d = magnitude(den);
  const UInt divisor = gcd(n, d);
  n = quotient(n, divisor);
  d = quotient(d, divisor);
  // -2^127 is refused too: its negation does not exist, and keeping it out of
  // every Rational lets negation and abs() go unchecked.
  if (n > static_cast<UInt>(kMax) || d > static_cast<UInt>(kMax)) {
    overflow("The fraction is too large to be held exactly.");
  }
  Rational result;
  result.num_ = negative ? -static_cast<Int>(n) : static_cast<Int>(n);
  result.den_ = static_cast<Int>(d);
  return result;
}

Rational Rational::reduced(Int num, Int den) {
  if (num == std::numeric_limits<Int>::min() || den == std::numeric_limits<Int>::min()) {
    overflow("The fraction is too large to be held exactly.");
  }
  Rational result;
  result.num_ = num;
  result.den_ = den;
  return result;
}

namespace {

// A short plain decimal as written: its digits as one integer and how many
// of them are decimals.
struct PlainDecimal {
  std::uint64_t units;
  int decimals;
  bool negative;
};

std::optional<PlainDecimal> read_plain_decimal(std::string_view text) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) {
    ++i;
  }
  const auto is_digit = [&](std::size_t k) {
    return k < text.size() && text[k] >= '0' && text[k] <= '9';
  };
  std::uint64_t value = 0;
  int digits = 0;
  int decimals = 0;
  for (; is_digit(i); ++i, ++digits) {
    value = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (digits == kMaxDigits) {
      return std::nullopt;
    }
  }
  if (digits == 0) {
    return std::nullopt;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; is_digit(i); ++i, ++decimals) {
      value = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
      if (digits + decimals == kMaxDigits) {
        return std::nullopt;
      }
    }
    if (decimals == 0) {
      return std::nullopt;
    }
  }
  if (i != text.size()) {
    return std::nullopt;
  }
  return PlainDecimal{value, decimals, negative};
}

}  // namespace

// "13", "-5", "2.30", "0.9625": the numbers tables are made of, read in
// one pass without 128-bit arithmetic or a gcd. Nothing else is taken
// here, and nothing is refused: thousands separators, long numbers and
// every malformed text go on to the general reading below.
std::optional<Rational> Rational::parse_plain(std::string_view text, int shift) {
  const auto plain = read_plain_decimal(text);
  if (!plain || plain->decimals + shift > kMaxDigits) {
    return std::nullopt;
  }
  const Rational result = decimal(plain->units, plain->decimals + shift);
  return plain->negative ? -result : result;
}

std::optional<std::int64_t> parse_units(std::string_view text, int digits, int shift) {
  check_digits(digits);
  check_digits(shift);
  const auto plain = read_plain_decimal(text);
  if (!plain || plain->decimals + shift > digits) {
    return std::nullopt;
  }
  std::uint64_t units = 0;
  if (__builtin_mul_overflow(plain->units, pow10(digits - plain->decimals - shift), &units) ||
      units > static_cast<std::uint64_t>(INT64_MAX)) {
    return std::nullopt;
  }
  return plain->negative ? -static_cast<std::int64_t>(units) : static_cast<std::int64_t>(units);
}

std::optional<std::int64_t> rounded_units(const Rational& value, int digits) {
  check_digits(digits);
  const auto units = rounded_units_64(value.numerator(), value.denominator(), digits);
  if (!units || *units > static_cast<std::uint64_t>(INT64_MAX)) {
    return std::nullopt;
  }
  return value.sign() < 0 ? -static_cast<std::int64_t>(*units) : static_cast<std::int64_t>(*units);
}

Rational Rational::decimal(std::uint64_t units, int decimals) {
  // The only factors units and 10^decimals can share are 2s and 5s.
  std::uint64_t den = pow10(decimals);
  if (units == 0) {
    den = 1;
  }
  if (den > 1) {
    const int twos = std::min(__builtin_ctzll(units), decimals);
    units >>= twos;
    den >>= twos;
    for (int fives = 0; fives < decimals && units % 5 == 0; ++fives) {
      units /= 5;
      den /= 5;
    }
  }
  Rational result;
  result.num_ = static_cast<Int>(units);
  result.den_ = static_cast<Int>(den);
  return result;
}

// A leading '+' is refused: the tables never write one, and "+5%" in a target
// usually means "an increase of 5 percent", which is not the number 5%.
std::optional<Rational> Rational::parse(std::string_view text) {
  if (const auto plain = parse_plain(text, 0)) {
    return plain;
  }
  const bool negative = !text.empty() && text.front() == '-';
  if (negative)
    text.remove_prefix(1);
  const std::size_t dot = text.find('.');
  const std::string_view integer = text.substr(0, dot);
  std::string_view decimals =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (!valid_integer_part(integer))
    return std::nullopt;
  if (dot != std::string_view::npos && (decimals.empty() || !all_digits(decimals))) {
    return std::nullopt;
  }
  // Trailing zeros add nothing, so "2.3000…0" must not count against the limit.
  decimals = decimals.substr(0, decimals.find_last_not_of('0') + 1);
  if (decimals.size() > kMaxParsedDecimals) {
    overflow("The number has too many digits to be held exactly.");
  }
  const Int num = accumulate_digits(accumulate_digits(0, integer), decimals);
  Int den = 1;
  for (std::size_t i = 0; i < decimals.size(); ++i) den *= 10;
  return fraction(negative ? -num : num, den);
}

std::optional<Rational> Rational::parse_percent(std::string_view text) {
  if (const auto plain = parse_plain(text, 2)) {
    return plain;
  }
  const auto number = parse(text);
  return number ? std::optional(*number / Rational(100)) : std::nullopt;
}

Rational operator+(const Rational& a, const Rational& b) {
  constexpr const char* kTooLarge = "The sum is too large to be held exactly.";
  if (a.den_ == 1 && b.den_ == 1)
    return Rational::fraction(checked_add(a.num_, b.num_, kTooLarge), 1);
  if (a.den_ == b.den_)
    return Rational::fraction(checked_add(a.num_, b.num_, kTooLarge), a.den_);
  // A fraction plus an integer k: (n + k·d) / d shares no factor with d
  // that n did not, so it is in lowest terms and never zero.
  if (b.den_ == 1)
    return Rational::reduced(checked_add(a.num_, checked_mul(b.num_, a.den_, kTooLarge), kTooLarge),
                             a.den_);
  if (a.den_ == 1)
    return Rational::reduced(checked_add(checked_mul(a.num_, b.den_, kTooLarge), b.num_, kTooLarge),
                             b.den_);
  // Knuth 4.5.1: work over lcm(a.den, b.den); the sum's common factor with the
  // lcm divides gcd(a.den, b.den), so removing it keeps every product small.
  const Int common = gcd(a.den_, b.den_);
  const Int a_scale = quotient(b.den_, common);
  const Int b_scale = quotient(a.den_, common);
  const Int num = checked_add(checked_mul(a.num_, a_scale, kTooLarge),
                              checked_mul(b.num_, b_scale, kTooLarge), kTooLarge);
  const Int reduce = gcd(num, common);
  if (num == 0) {
    return Rational();
  }
  // Knuth: dividing by gcd(num, common) leaves the sum in lowest terms.
  return Rational::reduced(quotient(num, reduce),
                           checked_mul(quotient(a.den_, reduce), a_scale, kTooLarge));
}

Rational operator-(const Rational& a, const Rational& b) {
  return a + -b;
}

Rational operator*(const Rational& a, const Rational& b) {
  constexpr const char* kTooLarge = "The product is too large to be held exactly.";
  if (fits_64(a.num_) && fits_64(a.den_) && fits_64(b.num_) && fits_64(b.den_)) {
    // Scores, weights and rates: four 64-bit terms, cross-reduced in 64
    // bits; each product of two magnitudes below 2^63 stays below 2^126.
    if (a.num_ == 0 || b.num_ == 0) {
      return Rational();
    }
    const auto a_num = static_cast<std::uint64_t>(magnitude(a.num_));
    const auto b_num = static_cast<std::uint64_t>(magnitude(b.num_));
    const auto a_den = static_cast<std::uint64_t>(a.den_);
    const auto b_den = static_cast<std::uint64_t>(b.den_);
    const std::uint64_t a_b = gcd64(a_num, b_den);
    const std::uint64_t b_a = gcd64(b_num, a_den);
    const auto num = static_cast<Int>(static_cast<UInt>(a_num / a_b) * (b_num / b_a));
    const auto den = static_cast<Int>(static_cast<UInt>(a_den / b_a) * (b_den / a_b));
    return Rational::reduced((a.num_ < 0) != (b.num_ < 0) ? -num : num, den);
  }
  if (a.den_ == 1 && b.den_ == 1)
    return Rational::fraction(checked_mul(a.num_, b.num_, kTooLarge), 1);
  // Cross-reducing first keeps the products as small as the result allows.
  const Int a_b = gcd(a.num_, b.den_);
  const Int b_a = gcd(b.num_, a.den_);
  if (a.num_ == 0 || b.num_ == 0) {
    return Rational();
  }
  // Both factors are in lowest terms, so once cross-reduced the product is too.
  return Rational::reduced(checked_mul(quotient(a.num_, a_b), quotient(b.num_, b_a), kTooLarge),
                           checked_mul(quotient(a.den_, b_a), quotient(b.den_, a_b), kTooLarge));
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b.is_zero()) {
    throw ArithmeticError(ArithmeticError::Kind::division_by_zero,
                          "Division by zero: the divisor is 0.");
  }
  Rational reciprocal;
  reciprocal.num_ = b.sign() * b.den_;
  reciprocal.den_ = b.sign() * b.num_;
  return a * reciprocal;
}

Rational Rational::operator-() const {
  Rational result = *this;
  result.num_ = -num_;
  return result;
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  if (a.sign() != b.sign())
    return a.sign() <=> b.sign();
  if (a.den_ == b.den_)
    return a.num_ <=> b.num_;
  if (fits_64(a.num_) && fits_64(a.den_) && fits_64(b.num_) && fits_64(b.den_))
    return a.num_ * b.den_ <=> b.num_ * a.den_;  // each product below 2^126
  const Wide left = multiply_wide(magnitude(a.num_), static_cast<UInt>(b.den_));
  const Wide right = multiply_wide(magnitude(b.num_), static_cast<UInt>(a.den_));
  return a.sign() < 0 ? right <=> left : left <=> right;
}

Rational Rational::round_half_up(int digits) const {
  check_digits(digits);
  const auto scale = static_cast<Int>(pow10(digits));
  // Already at most `digits` decimals; a denominator past 64 bits cannot
  // divide 10^18.
  if (fits_64(den_) && static_cast<std::uint64_t>(scale) % static_cast<std::uint64_t>(den_) == 0)
    return *this;
  if (fits_64(num_) && fits_64(den_)) {
    // Half-up in one division: floor((2|n|·scale + d) / 2d). With |n| below
    // 2^63 and scale at most 10^18 every term stays below 2^126.
    const UInt n = magnitude(num_), d = static_cast<UInt>(den_);
    const UInt rounded = quotient(2 * n * static_cast<UInt>(scale) + d, 2 * d);
    const Rational result = fits_64(rounded) ? decimal(static_cast<std::uint64_t>(rounded), digits)
                                             : fraction(static_cast<Int>(rounded), scale);
    return num_ < 0 ? -result : result;
  }
  const Decimal rounded = round_magnitude(magnitude(num_), static_cast<UInt>(den_), digits);
  const Rational result = fraction(static_cast<Int>(rounded.whole), 1) +
                          fraction(static_cast<Int>(rounded.fraction), scale);
  return num_ < 0 ? -result : result;
}

Rational Rational::round_floor(int digits) const {
  check_digits(digits);
  const auto scale = static_cast<Int>(pow10(digits));
  const Rational scaled = *this * Rational::fraction(scale, 1);
  Int whole = scaled.num_ / scaled.den_;  // toward zero
  if (scaled.num_ < 0 && scaled.num_ % scaled.den_ != 0)
    --whole;
  return fraction(whole, scale);
}

Rational Rational::round_ceiling(int digits) const {
  return -(-*this).round_floor(digits);
}

std::string Rational::to_fixed(int digits) const {
  std::string text;
  append_fixed(text, digits);
  return text;
}

void Rational::append_fixed(std::string& out, int digits, int shift) const {
  FixedText buffer;
  out += format_fixed(buffer, digits, shift);
}

std::string_view Rational::format_fixed(FixedText& buffer, int digits, int shift) const {
  check_digits(digits);
  check_digits(shift);
  if (digits + shift <= kMaxDigits) {
    // The shifted value in units of 10^-digits, rounded half up in one
    // division, as round_half_up does; in 64 bits when the scaled value
    // fits, as a score or a rate does, else in 128 (|n|·10^18 < 2^123).
    if (const auto units = rounded_units_64(num_, den_, digits + shift)) {
      return format_units(buffer, num_ < 0, *units, digits);
    }
    if (fits_64(num_) && fits_64(den_)) {
      return format_units(
          buffer, num_ < 0,
          rounded_quotient(magnitude(num_) * pow10(digits + shift), static_cast<UInt>(den_)),
          digits);
    }
    // Rounding at digits + shift places and moving the point gives what
    // rounding the shifted value would, without the multiplication.
    const Decimal rounded =
        round_magnitude(magnitude(num_), static_cast<UInt>(den_), digits + shift);
    const std::uint64_t lift = pow10(shift);
    // With a shift, whole · 10^shift must stay in range: below 2^124 when
    // whole fits in 64 bits.
    if (shift == 0 || fits_64(rounded.whole)) {
      const std::uint64_t split = pow10(digits);
      const Decimal shifted{rounded.whole * lift + rounded.fraction / split,
                            rounded.fraction % split};
      return format_decimal(buffer, num_ < 0, shifted, digits, false);
    }
  }
  const Rational shifted = *this * Rational(static_cast<std::int64_t>(pow10(shift)));
  const Decimal rounded =
      round_magnitude(magnitude(shifted.num_), static_cast<UInt>(shifted.den_), digits);
  return format_decimal(buffer, num_ < 0, rounded, digits, false);
}

std::string Rational::to_string() const {
  const int digits = terminating_digits(den_).value_or(kMaxDigits);
  const Decimal rounded = round_magnitude(magnitude(num_), static_cast<UInt>(den_), digits);
  FixedText buffer;
  return std::string(format_decimal(buffer, num_ < 0, rounded, digits, true));
}

RationalSum& RationalSum::operator+=(const Rational& value) {
  const Int den = value.denominator();
  if (den <= kScale && kScale % static_cast<std::int64_t>(den) == 0 && fits_64(value.numerator())) {
    std::int64_t units = 0, sum = 0;
    if (!__builtin_mul_overflow(static_cast<std::int64_t>(value.numerator()),
                                kScale / static_cast<std::int64_t>(den), &units) &&
        !__builtin_add_overflow(units_, units, &sum)) {
      units_ = sum;
      return *this;
    }
  }
  rest_ += value;
  return *this;
}

Rational RationalSum::value() const {
  return rest_ + Rational::fraction(units_, kScale);
}

}  // namespace perfeval
