#pragma once

// Laying text out in terminal columns, measured by display width (a CJK
// character is two columns): wrapping a cell, narrowing a table's columns
// to a terminal's width, and cutting names short without making two alike.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace perfeval::layout {

// `text` as lines no wider than `width` (at least 1): broken after a space
// where there is one in the line, else between characters, as Chinese has
// no spaces. An empty text is one empty line.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

// Widths for columns of `natural` widths, with `gap` columns before each,
// that fit in `available`: the widest column is narrowed a column at a
// time, none below its `floor` (a floor at least its natural width keeps a
// column as it is). When even the floors do not fit, they are returned.
std::vector<std::size_t> fit_columns(std::vector<std::size_t> natural,
                                     const std::vector<std::size_t>& floor, std::size_t gap,
                                     std::size_t available);

// Each name at most `max_width` wide (longer ones cut with "…"), and no two
// different names shown alike: names that would be are shown as their
// start, "…", and the part where they differ; if even that is alike, whole.
std::vector<std::string> distinct_short_names(const std::vector<std::string>& names,
                                              std::size_t max_width);

}  // namespace perfeval::layout
