#pragma once

// A table of texts in both languages, one row per value of an enum, checked
// at compile time to hold every value in the enum's order, so that looking
// a text up is an index and a text can never be missing or out of place.
// The report's words, the command line's and the local page's are such
// tables.

#include <array>
#include <cstddef>
#include <string_view>

#include "perfeval/lang/diagnostic.hpp"

namespace perfeval {

template <typename Key>
struct Wording {
  Key key;
  std::string_view zh;
  std::string_view en;
};

// Whether `table` has one row for each value of Key from 0 to Key::count_,
// in that order.
template <typename Key, std::size_t N>
constexpr bool in_enum_order(const std::array<Wording<Key>, N>& table) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].key) != i) {
      return false;
    }
  }
  return N == static_cast<std::size_t>(Key::count_);
}

template <typename Key, std::size_t N>
constexpr std::string_view worded(const std::array<Wording<Key>, N>& table, Key key, Lang lang) {
  const Wording<Key>& row = table[static_cast<std::size_t>(key)];
  return lang == Lang::zh ? row.zh : row.en;
}

}  // namespace perfeval
