#pragma once

// Tables read from Excel workbooks (.xlsx): one ProjectData a sheet.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/data.hpp"

namespace perfeval {

// One sheet of an Excel workbook read as a table: its data (none when it
// could not be read) and the problems found, each naming its cell
// ("尾款.xlsx!自评表!F12").
struct SheetTable {
  std::string label;  // "尾款.xlsx!自评表"; the file alone for a workbook that cannot be opened
  std::optional<ProjectData> data;
  std::vector<Diagnostic> diagnostics;
};

// Reads every sheet of an Excel workbook (.xlsx, the bytes of `file`) that
// holds a 项目支出绩效自评表 or 单位整体支出绩效自评表, laid out as printed or
// as perfeval's own Excel report writes it (docs/data-format.md, "Excel
// (.xlsx)"). Sheets without a table are passed over with a warning; a
// workbook that cannot be read, or holds no table, gives one entry with the
// error.
std::vector<SheetTable> load_workbook_tables(std::string_view bytes, std::string_view file);

}  // namespace perfeval
