#pragma once

// perfeval RULES DATA...: score every table and write the results in one
// format, to standard output or a file. How is decided here, not by the
// caller: JSON Lines, and terminal text for more tables than are shown
// whole (or a number not known before reading: JSON Lines, standard input),
// are written table by table as they are scored, so memory stays flat
// however many there are; every other report is written from the whole run.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "perfeval/runtime/report.hpp"

namespace perfeval {

struct ScoreReport {
  std::filesystem::path rules;
  std::vector<std::filesystem::path> data;
  std::string format = "text";   // text, json, jsonl, html, csv, md or xlsx
  std::filesystem::path output;  // empty: standard output (not for xlsx)
  unsigned jobs = 1;             // threads that read and score
  std::size_t max_data_bytes = 64 * 1024 * 1024;
  // The policy for tables that carry their own indicators and name none.
  std::string policy;
  TextOptions text;  // colour is never used in a file
  // Called as tables are scored with how many are done and how many there
  // are, when known; for a progress indicator.
  std::function<void(std::size_t done, std::optional<std::size_t> total)> progress;
  // Called once scoring is over (before a whole-run report is written), so
  // that the indicator can clear its line.
  std::function<void()> progress_end;
  // A line-in, line-out filter (docs/at-scale.md): JSON Lines out, each line
  // of JSON Lines in labelled by its input's name alone, no summary line.
  bool filter = false;
};

// More tables than this, as text, are one summary line each.
constexpr std::size_t kTablesShownWhole = 100;

// Whether `report` is written as its tables are scored.
bool writes_as_stream(const ScoreReport& report);

// A whole run as one document in `format`: text, json, html, csv or md (an
// Excel workbook is a file: write_xlsx).
void write_document(std::ostream& out, const RunResults& results, const SourceManager& sources,
                    const std::string& format, const TextOptions& text);

// Scores and writes `report`; every problem goes to standard error as it is
// met, with its place. Returns whether any was an error. Throws
// std::runtime_error with a plain message when the output file cannot be
// written (the file is then left as it was).
bool score_and_report(const ScoreReport& report);

}  // namespace perfeval
