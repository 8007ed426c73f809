#pragma once

// Report writers: the same results as a terminal table or as JSON.

#include <map>
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
  // Columns a table may take (a terminal's width); 0: as wide as it needs.
  // Long columns wrap onto more lines before anything is cut.
  std::size_t width = 0;
  bool warnings = true;  // false (--quiet): warnings are not written
};

// Each project's scored table, then one line per project and the totals.
void write_text(std::ostream& out, const RunResults& results, const TextOptions& options);

// The summary that ends write_text, line by line, for a whole run and for a
// stream of results too long to hold alike: the heading, one line per table,
// a line for a table that could not be scored (a stream only), and the
// totals. A whole run pads names to the widest it has; a stream cannot
// measure them first, and pads them to the widest allowed.
std::string text_summary_heading(const TextOptions& options);
std::string text_summary_line(const ProjectResult& project, const TextOptions& options);
void append_text_summary_line(std::string& out, const ProjectResult& project,
                              const TextOptions& options);
void append_text_summary_line(std::string& out, const ProjectResult& project,
                              const TextOptions& options, std::size_t name_width);
std::string text_failed_line(std::string_view label, const TextOptions& options);
// The width of the name column of the summary: max_name_width, less on a
// narrow terminal.
std::size_t text_summary_name_width(const TextOptions& options);
std::string text_totals_line(std::size_t tables, std::size_t complete,
                             const std::map<std::string, std::size_t>& bands,
                             const TextOptions& options);

// The same content as one JSON document. Numbers are exact decimal text
// ("9.80", "102.00%"), never binary floating point.
nlohmann::json to_json(const RunResults& results, const SourceManager& sources, Lang lang);

// Pads or cuts UTF-8 text to a display width (CJK = 2 columns).
std::string fit(std::string_view text, std::size_t width, bool align_right = false);
std::string truncate(std::string_view text, std::size_t max_width);

// "102.00%" from 1.02 with 2 decimals.
std::string percent(const Rational& rate, int digits);

// What an audit found in one project: printed figures that do not follow
// from the rules, deviations without explanation, explanations without
// deviation, and printed scores that do not add up to the printed total.
struct AuditCounts {
  std::size_t indicators = 0;
  std::size_t agree = 0;        // scored, and every printed figure matches
  std::size_t differ = 0;       // indicators with at least one differing figure
  std::size_t differences = 0;  // differing figures, funds and total included
  // The differing figures by kind; they add up to `differences`. (A table
  // prints no sub-totals of its own, so there is no kind for them.)
  std::size_t indicator_rates = 0;
  std::size_t indicator_scores = 0;
  std::size_t funds_rates = 0;
  std::size_t funds_scores = 0;
  std::size_t totals = 0;
  // Funds rows that do not add up to the total row, or one row above it.
  std::size_t funds_rows_not_adding_up = 0;
  std::size_t missing_explanations = 0;
  std::size_t unneeded_explanations = 0;
  std::size_t tables_not_adding_up = 0;
  std::size_t not_scored = 0;
  // Figures or checks that could not be done: funds or total not scored,
  // printed scores missing so their sum was checked only for its reach, or a
  // funds column where a row gives no amount.
  std::size_t not_checked = 0;

  AuditCounts& operator+=(const AuditCounts& other);
  bool clean() const;
};

AuditCounts count_findings(const ProjectResult& project);

// `perfeval audit`: every finding with the arithmetic behind the computed
// figure, a summary line per project and one for the whole run. The results
// must have been scored with ScoreOptions::explain.
void write_audit_text(std::ostream& out, const RunResults& results, const SourceManager& sources,
                      const TextOptions& options);
nlohmann::json audit_json(const RunResults& results, const SourceManager& sources, Lang lang);

// `perfeval check`: one line saying how many files were checked and how
// many problems were found (the problems themselves go to stderr).
void write_check_summary(std::ostream& out, const RunResults& results, const TextOptions& options);

// `perfeval explain`: the working of every figure of the chosen projects
// and indicators (all when the filters are empty).
struct ExplainFilter {
  std::string project;
  std::string indicator;
};
void write_explanation(std::ostream& out, const RunResults& results, const SourceManager& sources,
                       const TextOptions& options, const ExplainFilter& filter);

}  // namespace perfeval
