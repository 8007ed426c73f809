#pragma once

// Counts printed for people: 1234567 -> "1,234,567". Shared by the
// benchmark programs of bench/.

#include <cstdint>
#include <string>

inline std::string grouped(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) {
      out += ',';
    }
    out += digits[k];
  }
  return out;
}
