#include "perfeval/runtime/internal/print_fit.hpp"

#include <algorithm>

#include "perfeval/lang/source.hpp"

namespace perfeval::report_detail {
namespace {

constexpr std::int64_t kPoint = 353;          // micrometres, near enough
constexpr std::int64_t kCellPadding = 2'000;  // left and right, together
constexpr std::int64_t kWrapAllowance = 105;  // per cent: lines break at words

}  // namespace

void PrintFit::row(const std::vector<PrintCell>& cells, std::int64_t padding) {
  Row row{{}, padding};
  for (const PrintCell& cell : cells) {
    row.cells.push_back({static_cast<std::int64_t>(display_width(cell.text)), cell.width_permille,
                         cell.font_decipoints, cell.line_height_percent});
  }
  rows_.push_back(std::move(row));
}

// How many lines `cell` takes in a column `width` micrometres wide.
std::int64_t PrintFit::lines(const Cell& cell, std::int64_t width) {
  const std::int64_t half_em = cell.font_decipoints * kPoint / 20;
  const std::int64_t text = cell.text_width * half_em * kWrapAllowance / 100;
  const std::int64_t room = std::max<std::int64_t>(width - kCellPadding, half_em * 2);
  return std::max<std::int64_t>(1, (text + room - 1) / room);
}

std::int64_t PrintFit::height(std::int64_t percent) const {
  return height(percent, 0, rows_.size()) + pictures_;
}

std::int64_t PrintFit::height(std::int64_t percent, std::size_t first, std::size_t last) const {
  const std::int64_t page = kPageWidth * 100 / percent;
  std::int64_t total = 0;
  for (std::size_t n = first; n < std::min(last, rows_.size()); ++n) {
    const Row& row = rows_[n];
    std::int64_t tallest = 0;
    for (const Cell& cell : row.cells) {
      const std::int64_t line = cell.font_decipoints * kPoint / 10 * cell.line_height_percent / 100;
      tallest = std::max(tallest, lines(cell, page * cell.width_permille / 1000) * line);
    }
    total += tallest + row.padding;
  }
  return total * percent / 100;
}

std::int64_t PrintFit::scale_to_fit(std::int64_t available) const {
  for (std::int64_t percent = 100; percent > 50; percent -= 5) {
    if (height(percent) <= available) {
      return percent;
    }
  }
  return 50;
}

}  // namespace perfeval::report_detail
