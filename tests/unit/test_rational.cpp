#include <catch2/catch.hpp>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "perfeval/values/internal/rational_units.hpp"
#include "perfeval/values/rational.hpp"

using perfeval::ArithmeticError;
using perfeval::Rational;
using Int = Rational::Int;

namespace {

// The largest numerator or denominator a Rational may hold: 2^127 - 1.
const Int kMax = ((Int{1} << 126) - 1) + (Int{1} << 126);

Rational num(const char* text) {
  const auto parsed = Rational::parse(text);
  INFO(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

Rational frac(Int n, Int d) {
  return Rational::fraction(n, d);
}

template <typename F>
ArithmeticError::Kind error_kind(F&& f) {
  try {
    f();
  } catch (const ArithmeticError& e) {
    const std::string what = e.what();
    CHECK(what.size() > 10);
    CHECK(what.back() == '.');
    return e.kind();
  }
  FAIL("no ArithmeticError was thrown");
  return ArithmeticError::Kind::overflow;
}

}  // namespace

TEST_CASE("parse accepts plain decimals", "[rational]") {
  CHECK(num("13") == Rational(13));
  CHECK(num("-5") == Rational(-5));
  CHECK(num("2.30") == frac(23, 10));
  CHECK(num("0.5") == frac(1, 2));
  CHECK(num("1,602.88") == frac(160288, 100));
  CHECK(num("1,602,000") == Rational(1602000));
  CHECK(num("999,999") == Rational(999999));
  CHECK(num("007") == Rational(7));
  CHECK(num("-0").sign() == 0);
  CHECK(num("-0.00") == Rational(0));
  CHECK(num("170141183460469231731687303715884105727") == frac(kMax, 1));
  CHECK(num("0.00000000000000000000000000000000000001") ==  // 38 decimals
        frac(1, Int{10'000'000'000'000'000'000u} * 10'000'000'000'000'000'000u));
  // Trailing zeros do not count against the digit limit.
  CHECK(num("2.3000000000000000000000000000000000000000000000000") == frac(23, 10));
}

// Numbers of up to 18 digits are read by a shortcut, longer ones by the
// general reading: both sides of the line give the exact value in lowest terms.
TEST_CASE("parse reads short and long decimals alike", "[rational]") {
  const std::string digits = "9071002003004005006007008";
  for (std::size_t length = 1; length <= 24; ++length) {
    for (std::size_t point = 0; point < length; ++point) {
      const std::string integer = digits.substr(0, length - point);
      const std::string decimals = digits.substr(length - point, point);
      const std::string text = decimals.empty() ? integer : integer + "." + decimals;
      Int value = 0;
      Int scale = 1;
      for (const char c : integer + decimals) value = value * 10 + (c - '0');
      for (std::size_t k = 0; k < point; ++k) scale *= 10;
      INFO(text);
      CHECK(num(text.c_str()) == frac(value, scale));
      CHECK(num(("-" + text).c_str()) == frac(-value, scale));
      CHECK(Rational::parse_percent(text) == frac(value, scale * 100));
      CHECK(Rational::parse_percent("-" + text) == frac(-value, scale * 100));
    }
  }
}

TEST_CASE("parse_percent reads the number of a percentage", "[rational]") {
  CHECK(Rational::parse_percent("96.25") == frac(9625, 10000));
  CHECK(Rational::parse_percent("100") == Rational(1));
  CHECK(Rational::parse_percent("1,602.5") == frac(16025, 1000));
  CHECK_FALSE(Rational::parse_percent("5%").has_value());
  CHECK_FALSE(Rational::parse_percent("").has_value());
}

TEST_CASE("parse rejects what is not a plain decimal", "[rational]") {
  for (const char* text :
       {"",          "+5",    ".5",    "1.",   "-",        "--5",    "1e5",    "1E5",
        " 5",        "5 ",    "1 000", "1,60", "1602,000", ",602",   "1,,602", "1,602,00",
        "1,602.8,8", "1.2.3", "0x10",  "5%",   "１３",     "1,602.", "-.5"}) {
    INFO(text);
    CHECK_FALSE(Rational::parse(text).has_value());
  }
}

TEST_CASE("parse reports numbers too long to hold exactly", "[rational]") {
  CHECK(error_kind([] { Rational::parse(std::string(400, '9')); }) ==
        ArithmeticError::Kind::overflow);
  CHECK(error_kind([] { Rational::parse("0." + std::string(400, '1')); }) ==
        ArithmeticError::Kind::overflow);
  CHECK(error_kind([] { Rational::parse("170141183460469231731687303715884105728"); }) ==
        ArithmeticError::Kind::overflow);
  CHECK(error_kind([] { Rational::parse("-170141183460469231731687303715884105728"); }) ==
        ArithmeticError::Kind::overflow);
  // A malformed long text is malformed, not too large.
  CHECK_FALSE(Rational::parse(std::string(400, '9') + "e5").has_value());
}

TEST_CASE("fraction keeps lowest terms with a positive denominator", "[rational]") {
  const Rational r = frac(6, -4);
  CHECK(r.numerator() == -3);
  CHECK(r.denominator() == 2);
  CHECK(frac(0, -7).denominator() == 1);
  CHECK(frac(-kMax - 1, 2).numerator() == -(Int{1} << 126));
  CHECK(error_kind([] { frac(-kMax - 1, 1); }) == ArithmeticError::Kind::overflow);
  CHECK(error_kind([] { frac(1, 0); }) == ArithmeticError::Kind::division_by_zero);
}

TEST_CASE("arithmetic is exact", "[rational]") {
  CHECK(num("0.1") + num("0.2") == num("0.3"));
  CHECK(frac(1, 3) + frac(1, 6) == frac(1, 2));
  CHECK(frac(1, 6) - frac(1, 3) == frac(-1, 6));
  CHECK(Rational(11) * (Rational(63) / Rational(88)) == frac(63, 8));
  CHECK(num("1.5") * num("-2") == Rational(-3));
  CHECK(num("1") / num("-4") == frac(-1, 4));
  CHECK(-frac(1, 2) == frac(-1, 2));
  CHECK(frac(-3, 4).abs() == frac(3, 4));
  Rational sum;
  for (int i = 0; i < 10; ++i) sum += num("0.1");
  CHECK(sum == Rational(1));
}

// Products and sums skip the final gcd: they are in lowest terms by
// construction. Equality compares numerator and denominator, so a result
// left unreduced would differ from the one fraction() reduces.
TEST_CASE("products, quotients and sums come out in lowest terms", "[rational]") {
  const std::vector<Rational> values = {frac(0, 1),  frac(1, 1),   frac(-1, 1),   frac(1, 2),
                                        frac(-3, 4), frac(63, 88), frac(11, 1),   frac(2, 3),
                                        frac(-5, 6), frac(7, 20),  frac(153, 150)};
  for (const Rational& x : values) {
    for (const Rational& y : values) {
      const Int xn = x.numerator(), xd = x.denominator();
      const Int yn = y.numerator(), yd = y.denominator();
      CHECK(x * y == frac(xn * yn, xd * yd));
      CHECK(x + y == frac(xn * yd + yn * xd, xd * yd));
      CHECK(x - y == frac(xn * yd - yn * xd, xd * yd));
      if (!y.is_zero()) {
        CHECK(x / y == frac(xn * yd, xd * yn));
      }
    }
  }
}

TEST_CASE("arithmetic reduces before multiplying", "[rational]") {
  // Each product would overflow if formed before reducing.
  CHECK(frac(kMax, 2) * frac(2, kMax) == Rational(1));
  CHECK(frac(kMax, 3) / frac(kMax, 3) == Rational(1));
  CHECK(frac(1, kMax - 1) + frac(1, kMax - 1) == frac(2, kMax - 1));
  CHECK(frac(kMax - 1, 6) - frac(kMax - 1, 6) == Rational(0));
  CHECK(frac(1, kMax / 3) + frac(1, (kMax / 3) * 2) == frac(3, (kMax / 3) * 2));
  // The lcm 6q needs 128 bits; the sum is ((q + 3) / 2) / (3q) once reduced.
  const Int q = (Int{1} << 125) - 1;
  CHECK(frac(1, 6) + frac(1, 2 * q) == frac((q + 3) / 2, 3 * q));
}

TEST_CASE("overflow is reported, never wrapped", "[rational]") {
  using Kind = ArithmeticError::Kind;
  CHECK(error_kind([] { frac(kMax, 1) * Rational(2); }) == Kind::overflow);
  CHECK(error_kind([] { num("10000000000000000000000") * num("100000000000000000000"); }) ==
        Kind::overflow);
  CHECK(error_kind([] { frac(kMax, 1) + Rational(1); }) == Kind::overflow);
  CHECK(error_kind([] { frac(-kMax, 1) - Rational(1); }) == Kind::overflow);
  CHECK(error_kind([] { frac(1, kMax) + frac(1, kMax - 1); }) == Kind::overflow);
  CHECK(error_kind([] { frac(kMax, 1) / frac(1, 2); }) == Kind::overflow);
  CHECK(frac(-kMax, 1) + Rational(0) == frac(-kMax, 1));
}

TEST_CASE("division by zero is reported", "[rational]") {
  using Kind = ArithmeticError::Kind;
  CHECK(error_kind([] { Rational(1) / Rational(0); }) == Kind::division_by_zero);
  CHECK(error_kind([] { Rational(0) / num("0.00"); }) == Kind::division_by_zero);
}

TEST_CASE("comparison is exact near the 127-bit limit", "[rational]") {
  // (M-1)/M and (M-2)/(M-1) differ by 1/(M(M-1)); the cross products need 254 bits.
  CHECK(frac(kMax - 1, kMax) > frac(kMax - 2, kMax - 1));
  CHECK(frac(kMax - 2, kMax - 1) < frac(kMax - 1, kMax));
  CHECK(frac(-(kMax - 1), kMax) < frac(-(kMax - 2), kMax - 1));
  CHECK(frac(kMax, kMax - 1) < frac(kMax - 1, kMax - 2));
  CHECK(frac(kMax, 2) > frac(kMax - 2, 3));
  CHECK(frac(-1, kMax) < frac(1, kMax));
  CHECK(frac(-1, kMax) > frac(-1, kMax - 1));
  CHECK(frac(kMax, 1) > frac(kMax - 1, 1));
  CHECK((frac(kMax, 3) <=> frac(kMax, 3)) == std::strong_ordering::equal);
  CHECK(frac(1, 3) > num("0.3333"));
  CHECK(frac(1, 3) < num("0.3334"));
  CHECK(Rational(0) > num("-0.0001"));
}

// Operands that fit in 64 bits take shortcuts (an integer operand, a
// divisor of 1, cross products in 128 bits); these values sit on both sides
// of that line, so each operation is checked against the general formula
// on its shortcut and off it, wherever that formula does not overflow.
TEST_CASE("shortcuts agree with the general formula", "[rational]") {
  const Int big = Int{1} << 62;
  const std::vector<Rational> values = {
      frac(0, 1), frac(1, 1), frac(-7, 1), frac(100, 1), frac(1, 100), frac(1341, 100),
      frac(-463, 500), frac(69, 65), frac(big, 1), frac(big + 1, 3), frac(-big, big - 1),
      frac(3, big + 7), frac(big * 4, 5), frac(7, big * 2 + 1), frac(-big * 2 - 1, 1),
      // The ends of 64 bits, where products leave the 64-bit shortcut of *.
      frac(-big * 2, 1), frac(big * 2 - 1, 1), frac(1, big * 2 - 1), frac(-big * 2, big * 2 - 1)};
  // a·b + c·d, or nothing when it does not fit in 128 bits (-2^127, which
  // no Rational holds, included).
  const auto cross = [](Int a, Int b, Int c, Int d) -> std::optional<Int> {
    Int ab = 0, cd = 0, sum = 0;
    if (__builtin_mul_overflow(a, b, &ab) || __builtin_mul_overflow(c, d, &cd) ||
        __builtin_add_overflow(ab, cd, &sum) || sum == std::numeric_limits<Int>::min()) {
      return std::nullopt;
    }
    return sum;
  };
  int checked = 0;
  for (const Rational& x : values) {
    for (const Rational& y : values) {
      const Int xn = x.numerator(), xd = x.denominator();
      const Int yn = y.numerator(), yd = y.denominator();
      INFO("x = " << x.to_string() << ", y = " << y.to_string());
      const auto dens = cross(xd, yd, 0, 0);
      const auto nums = cross(xn, yn, 0, 0);
      const auto sum = cross(xn, yd, yn, xd);
      const auto difference = cross(xn, yd, -yn, xd);
      if (dens && sum && difference) {
        CHECK(x + y == frac(*sum, *dens));
        CHECK(x - y == frac(*difference, *dens));
        const auto order = x <=> y;
        CHECK((order < 0 ? -1 : (order > 0 ? 1 : 0)) ==
              (*difference > 0 ? 1 : (*difference < 0 ? -1 : 0)));
        ++checked;
      }
      if (nums && dens) {
        CHECK(x * y == frac(*nums, *dens));
      }
      const auto over = cross(xn, yd, 0, 0);
      const auto under = cross(xd, yn, 0, 0);
      if (over && under && !y.is_zero()) {
        CHECK(x / y == frac(*over, *under));
      }
    }
  }
  CHECK(checked > 150);
}

TEST_CASE("round_half_up rounds halves away from zero", "[rational]") {
  CHECK(num("4.845").round_half_up(2) == num("4.85"));
  CHECK(num("-4.845").round_half_up(2) == num("-4.85"));
  CHECK(num("7.875").round_half_up(2) == num("7.88"));
  CHECK(num("4.8449999").round_half_up(2) == num("4.84"));
  CHECK(num("2.5").round_half_up(0) == Rational(3));
  CHECK(num("-2.5").round_half_up(0) == Rational(-3));
  CHECK(num("2.4999").round_half_up(0) == Rational(2));
  CHECK(num("0.005").round_half_up(2) == num("0.01"));
  CHECK(num("-0.004").round_half_up(2) == Rational(0));
  CHECK(num("9.995").round_half_up(2) == Rational(10));
  CHECK(frac(1, 3).round_half_up(2) == num("0.33"));
  CHECK(frac(2, 3).round_half_up(18) == num("0.666666666666666667"));
  CHECK((Rational(11) * (Rational(63) / Rational(88))).round_half_up(2) == num("7.88"));
  // Values that already fit are returned as they are, however large.
  CHECK(frac(kMax, 1).round_half_up(2) == frac(kMax, 1));
  CHECK(frac(kMax - 1, kMax).round_half_up(18) == Rational(1));
  CHECK_THROWS_AS(Rational(1).round_half_up(19), std::invalid_argument);
  CHECK_THROWS_AS(Rational(1).round_half_up(-1), std::invalid_argument);
}

// round_half_up and to_fixed each take 64-bit shortcuts of their own, and
// go digit by digit past them. The two must agree wherever both apply.
TEST_CASE("round_half_up agrees with digit-by-digit rounding", "[rational]") {
  for (Int n = -1200; n <= 1200; n += 7) {
    for (Int d : {Int{1}, Int{3}, Int{7}, Int{8}, Int{88}, Int{400}, Int{997}, Int{100000}}) {
      for (int digits : {0, 1, 2, 4, 18}) {
        const Rational value = frac(n, d);
        INFO(value.to_string() << " to " << digits << " decimals");
        CHECK(value.round_half_up(digits) == num(value.to_fixed(digits).c_str()));
      }
    }
  }
  // Just inside and just outside the 64-bit shortcut.
  const Int big = (Int{1} << 62) + 1;
  CHECK(frac(big, 3).round_half_up(2) == num(frac(big, 3).to_fixed(2).c_str()));
  CHECK(frac(big * 5, 3).round_half_up(2) == num(frac(big * 5, 3).to_fixed(2).c_str()));
}

// Rounded figures compared as whole numbers of their last decimal must
// compare as the fractions do: rounded_units(d) is round_half_up(d) times
// 10^d, and parse_units reads the text parse_percent and parse read.
TEST_CASE("rounded_units and parse_units count what round_half_up and parse give", "[rational]") {
  for (Int n = -1200; n <= 1200; n += 7) {
    for (Int d : {Int{1}, Int{3}, Int{8}, Int{65}, Int{88}, Int{997}}) {
      for (int digits : {0, 2, 4, 15}) {  // 1200 · 10^15 still fits
        const Rational value = frac(n, d);
        INFO(value.to_string() << " to " << digits << " decimals");
        Int scale = 1;
        for (int k = 0; k < digits; ++k) {
          scale *= 10;
        }
        const auto units = perfeval::rounded_units(value, digits);
        REQUIRE(units);
        CHECK(frac(*units, scale) == value.round_half_up(digits));
      }
    }
  }
  CHECK(perfeval::rounded_units(frac(69, 65), 4) == 10615);
  CHECK(perfeval::rounded_units(frac(-7875, 1000), 2) == -788);
  CHECK(!perfeval::rounded_units(frac(kMax, 1), 0));
  CHECK(!perfeval::rounded_units(Rational(10), 18));  // 10^19 units do not fit
  CHECK_THROWS_AS(perfeval::rounded_units(Rational(1), 19), std::invalid_argument);

  CHECK(perfeval::parse_units("106.15", 4, 2) == 10615);
  CHECK(perfeval::parse_units("100", 4, 2) == 10000);
  CHECK(perfeval::parse_units("-3", 2) == -300);
  CHECK(perfeval::parse_units("9.38", 2) == 938);
  CHECK(!perfeval::parse_units("9.385", 2));  // more decimals than counted
  CHECK(!perfeval::parse_units("106.155", 4, 2));
  for (const char* text :
       {"", "-", ".5", "5.", "1,000", "+5", "5%", "1e3", "12345678901234567890"}) {
    INFO(text);
    CHECK(!perfeval::parse_units(text, 4));
  }
  CHECK(!perfeval::parse_units("99999999999", 18));  // the count would not fit
  for (const char* text : {"0", "96.25", "-0.5", "102.04", "100.00"}) {
    INFO(text);
    CHECK(frac(*perfeval::parse_units(text, 4, 2), 10000) == *Rational::parse_percent(text));
    CHECK(frac(*perfeval::parse_units(text, 2), 100) == num(text));
  }
}

// Small values take one-division shortcuts; past 64 bits the digits are
// made one by one. Both sides give the exact half-up text.
TEST_CASE("to_fixed rounds alike on both sides of the 64-bit shortcut", "[rational]") {
  const Int e20 = Int{100000000000000000} * 1000;  // 10^20, past 64 bits
  CHECK(frac(1, 8).to_fixed(2) == "0.13");
  CHECK(frac(e20 + 1, 8).to_fixed(2) == "12500000000000000000.13");
  CHECK(frac(-1, 8).to_fixed(2) == "-0.13");
  CHECK(frac(-(e20 + 1), 8).to_fixed(2) == "-12500000000000000000.13");
  CHECK(frac(2, 3).to_fixed(18) == "0.666666666666666667");
  CHECK(frac(2 * e20, 3 * e20 + 1).to_fixed(6) == "0.666667");
  CHECK(frac(999, 1000).to_fixed(2) == "1.00");
  CHECK(frac(e20 * 1000 - 1, 1000).to_fixed(2) == "100000000000000000000.00");
  CHECK(frac(e20 + 1, 8).round_half_up(2) == num("12500000000000000000.13"));
  // A 64-bit fraction whose decimals no longer fit 64 bits once scaled.
  const Int big = (Int{1} << 62) + 1;
  CHECK(frac(big, 3).to_fixed(2) == "1537228672809129301.67");
  CHECK(frac(-big, 3).to_fixed(4) == "-1537228672809129301.6667");
}

// append_fixed with a shift rounds at digits + shift places and moves the
// point, instead of multiplying first; both must give the same text.
TEST_CASE("append_fixed with a shift writes the shifted value", "[rational]") {
  const Int e20 = Int{100000000000000000} * 1000;
  const std::vector<Rational> values = {
      frac(9625, 10000), frac(69, 65),         frac(-463, 500),  frac(2, 3),
      frac(-1, 200000),  frac(1, 8),           frac(e20 + 1, 8), frac(kMax / 1000, 7),
      frac(-kMax, 3),    frac(kMax / 2, kMax), Rational(0),      frac(99995, 100000)};
  for (const Rational& x : values) {
    for (const int digits : {0, 1, 2, 4, 16, 18}) {
      for (const int shift : {0, 1, 2, 3}) {
        std::int64_t lift = 1;
        for (int k = 0; k < shift; ++k) lift *= 10;
        Rational shifted;
        try {
          shifted = x * Rational(lift);
        } catch (const ArithmeticError&) {
          continue;  // too large to shift at all
        }
        INFO(x.to_string() << " with " << digits << " digits, shift " << shift);
        std::string text = "prefix ";
        x.append_fixed(text, digits, shift);
        CHECK(text == "prefix " + shifted.to_fixed(digits));
      }
    }
  }
}

TEST_CASE("to_fixed writes exactly the requested decimals", "[rational]") {
  CHECK(Rational(10).to_fixed(2) == "10.00");
  CHECK(num("7.875").to_fixed(2) == "7.88");
  CHECK(num("-7.875").to_fixed(2) == "-7.88");
  CHECK(num("4.845").to_fixed(2) == "4.85");
  CHECK(Rational(0).to_fixed(2) == "0.00");
  CHECK(num("-0.001").to_fixed(2) == "0.00");
  CHECK(num("-0.005").to_fixed(2) == "-0.01");
  CHECK(num("9.995").to_fixed(2) == "10.00");
  CHECK(num("0.05").to_fixed(3) == "0.050");
  CHECK(frac(2, 3).to_fixed(0) == "1");
  CHECK(frac(1, 3).to_fixed(4) == "0.3333");
  CHECK(num("-1602.88").to_fixed(1) == "-1602.9");
  // Just below and just above one half, with a denominator near 2^127.
  CHECK(frac(kMax / 2, kMax).to_fixed(0) == "0");
  CHECK(frac(kMax / 2 + 1, kMax).to_fixed(0) == "1");
  CHECK(frac(kMax, 1).to_fixed(1) == "170141183460469231731687303715884105727.0");
}

TEST_CASE("to_string gives the shortest exact decimal", "[rational]") {
  CHECK(num("2.30").to_string() == "2.3");
  CHECK(Rational(153).to_string() == "153");
  CHECK(num("0.0315").to_string() == "0.0315");
  CHECK(num("-0.5").to_string() == "-0.5");
  CHECK(Rational(0).to_string() == "0");
  CHECK(frac(1, 1024).to_string() == "0.0009765625");
  CHECK(frac(1, 3).to_string() == "0.333333333333333333");
  CHECK(frac(2, 3).to_string() == "0.666666666666666667");
  CHECK(frac(-2, 3).to_string() == "-0.666666666666666667");
  // 1/2^19 needs 19 decimals, so it is rounded to 18.
  CHECK(frac(1, 524288).to_string() == "0.000001907348632813");
  CHECK(frac(-1, Int{10'000'000'000} * 10'000'000'000).to_string() == "0");
  CHECK(frac(kMax, 1).to_string() == "170141183460469231731687303715884105727");
  CHECK(frac(-kMax, 1).to_string() == "-170141183460469231731687303715884105727");
  CHECK(frac(kMax - 1, kMax).to_string() == "1");
  CHECK(frac(kMax / 2, kMax).to_string() == "0.5");
  CHECK(frac(kMax, 3).to_string() == "56713727820156410577229101238628035242.333333333333333333");
}

TEST_CASE("RationalSum adds up exactly, on and off its shortcut", "[rational]") {
  // Rounded scores, thirds, and values past what 10^-9 units can count.
  const std::vector<Rational> values = {
      num("9.38"),         num("7"),           num("-2.5"),
      frac(1, 3),          num("0.000000001"), num("13.89"),
      frac(-5, 7),         num("9000000000"),  num("9000000000"),
      num("0.1234567891"), num("-0.01"),       frac(Int{1} << 80, 3)};
  Rational expected;
  perfeval::RationalSum sum;
  for (const Rational& value : values) {
    INFO(value.to_string());
    expected += value;
    sum += value;
    CHECK(sum.value() == expected);
  }
  CHECK(perfeval::RationalSum().value() == Rational());
  perfeval::RationalSum too_large;
  too_large += frac(kMax, 1);
  CHECK(error_kind([&] { too_large += frac(kMax, 1); }) == ArithmeticError::Kind::overflow);
}

TEST_CASE("round_ceiling and round_floor cut to digits one way always", "[rational]") {
  const auto r = [](const char* text) { return *Rational::parse(text); };
  CHECK(r("9.81").round_ceiling(0) == Rational(10));
  CHECK(r("9.00").round_ceiling(0) == Rational(9));
  CHECK(r("9.89").round_floor(0) == Rational(9));
  CHECK(r("4.841").round_ceiling(2) == r("4.85"));
  CHECK(r("4.849").round_floor(2) == r("4.84"));
  CHECK(Rational::fraction(63, 8).round_ceiling(2) == r("7.88"));  // 7.875
  CHECK(Rational::fraction(63, 8).round_floor(2) == r("7.87"));
  CHECK(r("-9.81").round_ceiling(0) == Rational(-9));
  CHECK(r("-9.81").round_floor(0) == Rational(-10));
  CHECK(Rational(0).round_ceiling(2) == Rational(0));
}
