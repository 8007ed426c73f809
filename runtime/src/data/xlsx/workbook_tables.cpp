// load_workbook_tables: each sheet of a workbook that holds a table, one
// ProjectData a sheet, its problems kept with it so that a bad sheet never
// stops the others.

#include "perfeval/runtime/internal/sheet_table.hpp"
#include "perfeval/runtime/internal/workbook.hpp"
#include "perfeval/runtime/workbook_data.hpp"

namespace perfeval {

std::vector<SheetTable> load_workbook_tables(std::string_view bytes, std::string_view file) {
  const std::string name(file);
  const auto failed = [&](const std::string& where, xlsx::ReadProblem problem) {
    SheetTable table{where, std::nullopt, {}};
    table.diagnostics.push_back({Severity::error,
                                 std::move(problem.code),
                                 std::nullopt,
                                 where,
                                 std::move(problem.args),
                                 {}});
    return table;
  };
  auto read = xlsx::read_workbook(bytes);
  if (!read.workbook) {
    return {failed(name, std::move(*read.problem))};
  }
  std::vector<SheetTable> tables;
  // Sheets that hold cells but no table, and chart sheets: said once, with
  // the first table, as they are no table to count.
  std::vector<Diagnostic> passed_over;
  for (const xlsx::Sheet& sheet : read.workbook->sheets) {
    const std::string label = name + "!" + sheet.name;
    if (sheet.problem) {
      tables.push_back(failed(label, *sheet.problem));
      continue;
    }
    if (sheet.chart) {
      passed_over.push_back({Severity::warning, "xlsx-chart-sheet", std::nullopt, label, {}, {}});
      continue;
    }
    DiagnosticSink sink;
    bool found = false;
    auto data = xlsx::read_sheet_table(sheet, label, sink, found);
    if (!found) {
      // An empty sheet, the 汇总 sheet perfeval's report begins with, and
      // a hidden sheet (the grade lists of perfeval's template) are passed
      // over without a word.
      const bool summary = xlsx::label(sheet.text(1, 0)) == xlsx::Label::summary;
      if (sheet.last_row() > 0 && !summary && !sheet.hidden) {
        passed_over.push_back(
            {Severity::warning, "xlsx-sheet-passed-over", std::nullopt, label, {}, {}});
      }
      continue;
    }
    tables.push_back({label, std::move(data), sink.all()});
  }
  if (tables.empty()) {
    std::vector<SheetTable> none{failed(name, {"xlsx-no-table", {}})};
    auto& diagnostics = none.front().diagnostics;
    diagnostics.insert(diagnostics.begin(), passed_over.begin(), passed_over.end());
    return none;
  }
  auto& first = tables.front().diagnostics;
  first.insert(first.begin(), passed_over.begin(), passed_over.end());
  return tables;
}

}  // namespace perfeval
