#pragma once

// Every word the reports and commands print, in Chinese and English:
// headings, notes, the audit's sentences, the words of a formula's working
// and the commands' own lines. The text is in one table
// (runtime/src/reports/words.cpp), looked up by term and language when a
// report is written; diagnostics have their own table (lang/src/messages.cpp).
//
// A term whose text holds {} is a pattern for fmt, with the same number of
// {} in both languages.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perfeval/lang/diagnostic.hpp"

namespace perfeval {

// Names say what a term means; `_in_text` marks the lower-case English of a
// word that also heads a column ("total" beside "Total").
enum class Term : std::uint8_t {
  // Headings of the printed table and the summaries.
  department,
  implementer,
  planned,
  budget,
  executed,
  execution_rate,
  score,
  category1,
  category2,
  indicator,
  rate,
  indicator_score,
  reported_rate,
  reported_score,
  explanation_status,
  explanation_text,
  total,
  band,
  notes,
  summary,
  file,
  policy,
  kind,
  differences,
  explanations_missing,
  count,
  chart_title,
  index,
  name,
  full_marks,
  weight,
  target,
  actual,
  report_title,  // Markdown
  html_title,
  overall_goals,  // 年度总体目标 and its two columns
  goals_expected,
  goals_achieved,
  prepared_by,  // the lines to sign under a printed table
  reviewed_by,
  date,
  page_of,    // pattern: this page, pages
  continued,  // pattern: a table's name on the pages it continues on

  // Headings that differ between a 项目支出 and a 单位整体支出 table.
  project_title,
  project_name,
  project_funds,
  project_funds_row,
  project_funds_weight,
  kind_project,
  unit_title,
  unit_name,
  unit_funds,
  unit_funds_row,
  unit_weight,
  unit_target,
  unit_actual,
  kind_unit,

  // Words in cells and notes.
  given,
  missing,
  unneeded,
  not_scored,
  not_applicable,
  execution_rate_in_text,
  rate_in_text,
  score_in_text,
  total_in_text,
  weight_in_text,
  target_in_text,
  actual_in_text,
  file_in_text,
  policy_in_text,
  budget_execution,
  budget_execution_in_text,
  not_scored_note,
  explanation_missing_note,
  explanation_unneeded_note,
  difference_note,  // pattern: field, reported, computed
  run_counts,       // pattern: tables, scored, failed
  year,             // pattern: the year

  // The text report (`perfeval rules`, `perfeval check`).
  explanation,
  audit,
  reported,
  computed,
  missing_flag,
  projects,
  scored,
  failed,
  differ,
  explanations_missing_short,
  explanations_unneeded_short,
  check_summary,  // pattern: rule files, data files, errors, warnings

  // The audit (`perfeval audit`).
  differs,
  missing_explanation,
  unneeded_explanation,
  does_not_add_up,
  project_summary,
  difference,
  indicators,
  agree,
  explanations_missing_in_text,
  unneeded_explanations,
  tables_not_adding_up,
  all,
  tables,
  explanation_required,
  explanation_not_needed,
  printed_scores_sum,
  funds_score,
  indicator_scores,
  nothing_found,
  not_checked,
  cannot_score,
  scores_not_printed,  // pattern: rows, their names, the printed scores' sum, the most the total
                       // may be
  funds_rows_sum,      // pattern: column, rows' sum, total
  funds_row_exceeds,   // pattern: column, row, its amount, total
  funds_rows_blank,    // pattern: column
  placeholder_given,   // pattern: the explanation as written
  rows_unprinted,      // pattern: rows, the most they could add
  differing_figures,
  open_quote,
  close_quote,

  // The working (`perfeval explain`).
  method,
  rounded_to,  // pattern: decimals
  explanation_given,
  explanation_not_given,
  no_match,
  yes,
  no,
  logical_not,
  logical_and,
  logical_or,
  scoring_methods,  // the heading over each method's formulas, shown once
  quantity_met,
  quantity_explain,
  quantity_require,

  // The CSV report: column names (English ones are identifiers, for
  // scripts), the kinds of row, and true and false.
  csv_row,
  csv_project,
  csv_kind,
  csv_category1,
  csv_category2,
  csv_indicator,
  csv_met,
  csv_explanation_required,
  csv_explanation_present,
  csv_reported_rate,
  csv_reported_score,
  csv_differences,
  csv_explanation,
  csv_band,
  csv_funds_row,
  csv_indicator_row,
  csv_true,
  csv_false,
  // The commands' own lines (cli/, runtime/src/batch/score_report.cpp).
  rule_test_error,
  rule_test_mismatch,
  rule_tests_passed,
  formatted_file,
  scoring_progress,
  output_is_input,
  xlsx_needs_output,
  output_cannot_be_written,
  output_write_failed,
  // Punctuation that differs by language.
  label_separator,   // "档次：优" / "Band: 优"
  list_separator,    // between notes
  clause_separator,  // "= 9.84，保留1位小数"

  count_  // not a term: how many there are
};

inline constexpr std::size_t kTermCount = static_cast<std::size_t>(Term::count_);

// The text of `term` in `lang`: an index into a constant table.
std::string_view term_text(Term term, Lang lang);

// The table in one language, for code that looks up many terms.
class Words {
 public:
  constexpr explicit Words(Lang lang) : lang_(lang) {}
  std::string_view operator[](Term term) const { return term_text(term, lang_); }
  Lang lang() const { return lang_; }

 private:
  Lang lang_;
};

}  // namespace perfeval
