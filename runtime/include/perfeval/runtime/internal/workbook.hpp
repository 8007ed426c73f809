#pragma once

// A small reader of Excel workbooks (.xlsx, Office Open XML): the sheets in
// their order, each sheet's cells as the text a reader of the table sees,
// and its merged ranges. Enough to read a 自评表, nothing more: no formulas
// are evaluated (their saved values are read), no styles beyond what tells a
// percentage or a date.
//
// Numbers keep the decimal text written in the file ("13.41", "0.9984"):
// perfeval never reads a figure through binary floating point. A number
// shown as a percentage becomes "99.84%", one shown as a date becomes
// "2024-12-10".

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace perfeval::xlsx {

// Why a workbook or a sheet could not be read: a message code
// (lang/src/messages.cpp) and its arguments.
struct ReadProblem {
  std::string code;
  std::vector<std::string> args;
};

// "A" for column 0, "Z" for 25, "AA" for 26.
std::string column_letters(std::uint32_t column);
// "F12" for row 12 (counted from 1), column 5 (counted from 0).
std::string cell_name(std::uint32_t row, std::uint32_t column);
// Reads "F12" as row 12, column 5; nullopt for anything else.
struct CellAddress {
  std::uint32_t row = 0;     // from 1
  std::uint32_t column = 0;  // from 0
};
std::optional<CellAddress> parse_cell_name(std::string_view name);

// A rectangle of cells, corners included.
struct CellRange {
  CellAddress first;
  CellAddress last;
  bool contains(std::uint32_t row, std::uint32_t column) const {
    return row >= first.row && row <= last.row && column >= first.column && column <= last.column;
  }
};

class Sheet {
 public:
  std::string name;
  // A chart sheet holds no cells; it is listed so that it can be named.
  bool chart = false;
  // A sheet the workbook hides (a template's grade lists): no table is
  // looked for there without a word about it.
  bool hidden = false;
  // Set when the sheet's own part could not be read; its cells are empty.
  std::optional<ReadProblem> problem;

  // The text of a cell; a cell inside a merged range has the text of the
  // range's top-left cell, as a printed table shows it.
  const std::string& text(std::uint32_t row, std::uint32_t column) const;
  // The range a cell belongs to, or the cell alone.
  CellRange range_of(std::uint32_t row, std::uint32_t column) const;
  std::uint32_t last_row() const { return last_row_; }
  std::uint32_t last_column() const { return last_column_; }

  // Calls f(row, column, text) for each cell written in rows first..last, row
  // by row, left to right: the cells a sheet holds, not every cell of a
  // merged range. Cheap on a sparse sheet, whatever its last row and column.
  template <typename F>
  void for_each_cell(std::uint32_t first, std::uint32_t last, F&& f) const {
    for (auto it = cells_.lower_bound(key(first, 0));
         it != cells_.end() && (it->first >> 32) <= last; ++it) {
      f(static_cast<std::uint32_t>(it->first >> 32), static_cast<std::uint32_t>(it->first),
        it->second);
    }
  }

  // A formula whose value the program that wrote the file never saved: its
  // text is empty, and a reader should say why.
  bool unsaved_formula(std::uint32_t row, std::uint32_t column) const {
    return unsaved_formulas_.contains(key(row, column));
  }

  void set(std::uint32_t row, std::uint32_t column, std::string text);
  void merge(CellRange range);
  void mark_unsaved_formula(std::uint32_t row, std::uint32_t column) {
    unsaved_formulas_.insert(key(row, column));
  }

 private:
  static std::uint64_t key(std::uint32_t row, std::uint32_t column) {
    return (std::uint64_t{row} << 32) | column;
  }
  const CellRange* merged_range(std::uint32_t row, std::uint32_t column) const;

  std::map<std::uint64_t, std::string> cells_;  // by (row, column)
  std::unordered_set<std::uint64_t> unsaved_formulas_;
  std::vector<CellRange> merges_;
  // Each cell of the merged ranges of a sensible size, by key, for a lookup
  // that does not grow with the number of ranges; larger ranges (a few at
  // most: a table has none) are searched in turn.
  std::unordered_map<std::uint64_t, std::uint32_t> merged_cells_;
  std::vector<std::uint32_t> large_merges_;
  std::uint32_t last_row_ = 0;
  std::uint32_t last_column_ = 0;
};

struct Workbook {
  std::vector<Sheet> sheets;
};

// Reads a workbook from the bytes of its file. A damaged, encrypted or
// foreign file gives a problem instead; a sheet that cannot be read keeps
// its own problem and does not stop the others.
struct WorkbookOrProblem {
  std::optional<Workbook> workbook;
  std::optional<ReadProblem> problem;
};
WorkbookOrProblem read_workbook(std::string_view bytes);

// The text Excel shows for a number written as `decimal` in a sheet's XML
// ("0.9984", "1.5E-3", "0.99839999999999995"): at most 15 significant
// digits, as Excel keeps, rounded half-up on the decimal text itself; no
// trailing zeros; multiplied by 100 with a "%" when `percent`.
std::optional<std::string> number_text(std::string_view decimal, bool percent);

// The ISO date ("2024-12-10") of a whole day number in Excel's 1900 date
// system, as a cell formatted as a date holds it; nullopt when `decimal` is
// not a whole day in range.
std::optional<std::string> date_text(std::string_view decimal);

}  // namespace perfeval::xlsx
