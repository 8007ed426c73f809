#pragma once

// "Did you mean audit?": the known word nearest to a mistyped one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfeval::cli {

// Edits (a character put in, taken out or changed; two neighbours
// swapped) that turn `a` into `b`, counting characters, not bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `typed`, when near enough to be what was meant:
// at most a third of the longer word's characters apart (and at least one
// edit is always allowed). The first of equally near ones.
std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& known);

}  // namespace perfeval::cli
