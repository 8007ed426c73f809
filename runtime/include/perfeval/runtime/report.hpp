#pragma once

// Report writers: the same results as a terminal table or as JSON.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/engine.hpp"

namespace perfeval {

// What a run produced: every scored project, and every file that failed.
struct RunResults {
  std::vector<ProjectResult> projects;
  std::vector<Diagnostic> diagnostics;
  std::size_t rule_files = 0;
  std::size_t data_files = 0;
  std::size_t failed_data_files = 0;
};

struct TextOptions {
  Lang lang = Lang::zh;
  bool color = false;
  std::size_t max_name_width = 40;  // longer names are cut with "…"
};

// Each project's scored table, then one line per project and the totals.
void write_text(std::ostream& out, const RunResults& results, const TextOptions& options);

// The same content as one JSON document. Numbers are exact decimal text
// ("9.80", "102.00%"), never binary floating point.
nlohmann::json to_json(const RunResults& results, const SourceManager& sources, Lang lang);

// Pads or cuts UTF-8 text to a display width (CJK = 2 columns).
std::string fit(std::string_view text, std::size_t width, bool align_right = false);
std::string truncate(std::string_view text, std::size_t max_width);

// "102.00%" from 1.02 with 2 decimals.
std::string percent(const Rational& rate, int digits);

}  // namespace perfeval
