#pragma once

// The shortcuts of the scoring loop: figures compared as whole numbers of
// their last decimal, and a sum that adds rounded scores without a gcd each.
// Each has one caller (the audit stage, the engine) and exists for speed;
// Rational itself is the values library's API.

#include <cstdint>
#include <optional>
#include <string_view>

#include "perfeval/values/rational.hpp"

namespace perfeval {

// `value` rounded half up to `digits` decimals, as a whole number of
// 10^-digits (7.875 with 2 -> 788), when that fits in 64 bits: what two
// figures compare by once both are at the same decimals.
std::optional<std::int64_t> rounded_units(const Rational& value, int digits);

// Short plain decimal text ("106.15", "-3"; no separators, at most 18
// digits) divided by 10^shift, as a whole number of 10^-digits, when it has
// no more decimals than that: "106.15" with 4 and 2 -> 10615. Nullopt leaves
// the text to Rational::parse() and parse_percent().
std::optional<std::int64_t> parse_units(std::string_view text, int digits, int shift = 0);

// Adds up many values exactly. Values whose denominators divide 10^9, as
// rounded scores' and printed figures' do, are kept as a count of 10^-9
// and added without a gcd each; any other goes to an ordinary Rational sum.
// Both throw ArithmeticError when the sum is too large to hold.
class RationalSum {
 public:
  RationalSum& operator+=(const Rational& value);
  Rational value() const;

 private:
  static constexpr std::int64_t kScale = 1'000'000'000;  // units in one
  std::int64_t units_ = 0;                               // of 1 / kScale
  Rational rest_;
};

}  // namespace perfeval
