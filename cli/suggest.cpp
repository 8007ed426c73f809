#include "suggest.hpp"

#include <algorithm>

#include "perfeval/values/utf8.hpp"

namespace perfeval::cli {
namespace {

std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> points;
  for (std::size_t i = 0; i < text.size();) {
    const auto point = utf8::decode(text, i);
    points.push_back(point ? point->value : U'\uFFFD');
    i += point ? point->size : 1;
  }
  return points;
}

}  // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
  const auto a = code_points(a_text);
  const auto b = code_points(b_text);
  // Optimal string alignment: three rows of the Damerau-Levenshtein table.
  std::vector<std::size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    last[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    std::swap(before, last);
    std::swap(last, row);
  }
  return last[b.size()];
}

std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& known) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  const std::size_t typed_length = code_points(typed).size();
  for (const auto& word : known) {
    const std::size_t distance = edit_distance(typed, word);
    const std::size_t longer = std::max(typed_length, code_points(word).size());
    if (distance == 0 || distance > std::max<std::size_t>(1, longer / 3)) {
      continue;
    }
    if (!best || distance < best_distance) {
      best = word;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace perfeval::cli
