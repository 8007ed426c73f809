#pragma once

// How tall a table of the HTML report prints, so that it can be scaled to
// fit one A4 landscape page. CSS can neither measure content nor shrink it
// to fit, so the report writer describes each block and row here as it
// writes it, and asks for the largest scale at which the estimate fits.
//
// The estimate models the browser's layout roughly: a cell's text wraps at
// its column's width, a CJK character is 1 em wide and any other character
// half an em (the display width), a line is its font size times its line
// height. Lengths are whole micrometres, so the result is exact and the
// same on every machine.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace perfeval::report_detail {

// One cell of a row: its text, its column's share of the page width in
// per mille, its font size in tenths of a point and its line height in
// per cent of the font size.
struct PrintCell {
  std::string_view text;
  std::int64_t width_permille = 1000;
  std::int64_t font_decipoints = 100;
  std::int64_t line_height_percent = 120;
};

class PrintFit {
 public:
  // A4 landscape less 10 mm margins: 277 mm wide, 190 mm tall.
  static constexpr std::int64_t kPageWidth = 277'000;
  static constexpr std::int64_t kPageHeight = 190'000;

  // Something of a height that does not depend on the width: a heading.
  void fixed(std::int64_t micrometres) { rows_.push_back({{}, micrometres}); }
  // A table row: as tall as its tallest cell, plus the cells' padding.
  void row(const std::vector<PrintCell>& cells, std::int64_t padding = 2'400);
  // A picture as wide as a share of the page: scaling the content leaves
  // its printed height as it is.
  void picture(std::int64_t micrometres) { pictures_ += micrometres; }

  // The estimated height at `percent` scale: the page is 100/percent times
  // wider in CSS units, so text wraps less, and everything is drawn smaller.
  std::int64_t height(std::int64_t percent) const;
  // The same for the blocks and rows described from the `first` up to the
  // `last` (numbered from 0 in the order described; pictures not counted),
  // so that a table too tall for one page can be broken between rows.
  std::int64_t height(std::int64_t percent, std::size_t first, std::size_t last) const;
  // How many blocks and rows have been described so far.
  std::size_t size() const { return rows_.size(); }
  // The largest scale, in steps of 5 from 100 down to 50 per cent, at which
  // the estimate fits `available` micrometres (50 when none does).
  std::int64_t scale_to_fit(std::int64_t available) const;

 private:
  // A cell as the estimate needs it: the text only by its display width.
  struct Cell {
    std::int64_t text_width;
    std::int64_t width_permille;
    std::int64_t font_decipoints;
    std::int64_t line_height_percent;
  };
  struct Row {
    std::vector<Cell> cells;
    std::int64_t padding;
  };
  static std::int64_t lines(const Cell& cell, std::int64_t width);

  std::int64_t pictures_ = 0;
  std::vector<Row> rows_;  // a fixed block is a row of no cells
};

}  // namespace perfeval::report_detail
