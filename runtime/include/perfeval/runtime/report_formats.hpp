#pragma once

// Printable and exchangeable reports: the same RunResults as the terminal
// table and the JSON document, written as HTML (to print), an Excel
// workbook (to send on), CSV (to load into anything) or Markdown (to paste
// into an issue or a wiki).
//
// Every figure is the exact decimal text the JSON report shows (percent(),
// Rational::to_fixed()); only the Excel writer turns figures into binary
// numbers, because Excel stores nothing else.

#include <filesystem>
#include <ostream>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/report.hpp"

namespace perfeval {

struct FormatOptions {
  Lang lang = Lang::zh;  // headings and notes in Chinese or English
};

// One self-contained HTML page (inline CSS, no scripts, no external
// resources) laid out like the printed 项目支出绩效自评表 / 单位整体支出绩效自评表,
// one A4-landscape page per table, then a summary page with a bar chart.
void write_html(std::ostream& out, const RunResults& results, const FormatOptions& options);

// UTF-8 with a byte-order mark (so Excel reads it as UTF-8), RFC 4180
// quoting. One row per funds line, indicator and total; the first column
// says which (see report_csv.cpp for the columns).
void write_csv(std::ostream& out, const RunResults& results, const FormatOptions& options);

// GitHub-flavoured Markdown: a heading, funds line and indicator table per
// project, notes for flagged rows, then a summary table.
void write_markdown(std::ostream& out, const RunResults& results, const FormatOptions& options);

// An .xlsx workbook: a summary sheet, then one sheet per project laid out
// like the printed table. Throws std::runtime_error with a plain message
// when the file cannot be written.
void write_xlsx(const std::filesystem::path& file, const RunResults& results,
                const FormatOptions& options);

}  // namespace perfeval
