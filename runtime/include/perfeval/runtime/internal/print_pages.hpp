#pragma once

// Where a table too tall for one printed page breaks. A table that fits one
// A4 page at half size or more prints on one page (PrintFit::scale_to_fit);
// a taller one is broken between its rows into pages, each continuation page
// headed by a caption ("项目名称：XXX（续）") and the table's column headings,
// the total row, the notes and the lines to sign on the last page only.
//
// The breaks are chosen here, when the report is written, from the same
// height estimate that scales a table, not by the browser: the browser can
// repeat a <thead> on each page it breaks a table onto, but not a caption
// that shows only on the pages after the first, and it cannot keep the
// report's own page numbers ("第 3 页 共 20 页") right. Deciding here keeps
// the printed result the same in every browser, and testable without one.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "perfeval/runtime/internal/print_fit.hpp"

namespace perfeval::report_detail {

// What a table's PrintFit describes, in order: its head (title, blocks above
// the indicators, ending with the row of column headings) up to `head_end`,
// one row per indicator up to `rows_end`, then the foot (total row, notes,
// lines to sign).
struct TableParts {
  std::size_t head_end = 0;
  std::size_t rows_end = 0;
};

struct PageBreaks {
  std::int64_t scale = 100;  // per cent, the same on every page of the table
  // The indicator rows (counted from 0) that begin a continuation page, in
  // order; empty when the table prints on one page.
  std::vector<std::size_t> starts;
  std::size_t pages() const { return starts.size() + 1; }
};

// The pages of a table that must fit `available` micrometres each. `caption`
// describes the line that heads a continuation page. One page when the table
// fits at 50 % or more; otherwise as few pages as at 50 %, at the largest
// scale that needs no more. A page never breaks inside a row and holds at
// least one; the foot goes on the last page, with the last row at least.
PageBreaks break_pages(const PrintFit& table, const TableParts& parts, const PrintFit& caption,
                       std::int64_t available);

}  // namespace perfeval::report_detail
