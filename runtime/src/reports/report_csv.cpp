// The CSV report: every scored figure as one flat table, for spreadsheets
// and scripts. UTF-8 with a byte-order mark (Excel needs it to read CJK
// text), CRLF line ends and RFC 4180 quoting.
//
// Column names are identifiers in English (for scripts, like the JSON
// keys) and the table's own words in Chinese (三级指标, 权重, …); the values
// (category and indicator names, notes) are the data's own text. The first
// column, `row` (行类型), says what a row is:
//
//   funds      (预算执行率) the funds line: `indicator` is the row's printed
//              label, `target` the 全年预算数 and `actual` the 全年执行数 in
//              万元, `weight`, `rate` and `score` its 分值, 执行率 and 得分;
//   indicator  (指标) one 三级指标;
//   total      (总分) the table's 总分: `weight` is the full marks, `score`
//              the total, `reported_score` the printed total, `band` the band.
//
// Figures are the exact decimal text of the JSON report ("9.80",
// "102.00%"); booleans are true/false (是/否), empty where not scored.
//
// A spreadsheet runs a cell that starts with = + - or @ as a formula: the
// 业绩值 `=65人` would show #NAME?. Such a cell, unless it is a plain number
// ("-3", "-0.06"), is written with a leading apostrophe ('=65人), which
// spreadsheets show as text and which scripts can strip.

#include <array>

#include "perfeval/runtime/report_formats.hpp"
#include "report_common.hpp"

namespace perfeval {
namespace {

using namespace report_detail;

constexpr std::array kColumns = {
    Term::csv_row,
    Term::file_in_text,
    Term::csv_project,
    Term::csv_kind,
    Term::policy_in_text,
    Term::csv_category1,
    Term::csv_category2,
    Term::csv_indicator,
    Term::weight_in_text,
    Term::target_in_text,
    Term::actual_in_text,
    Term::rate_in_text,
    Term::score_in_text,
    Term::csv_met,
    Term::csv_explanation_required,
    Term::csv_explanation_present,
    Term::csv_reported_rate,
    Term::csv_reported_score,
    Term::csv_differences,
    Term::csv_explanation,
    Term::csv_band,
};

using Row = std::array<std::string, kColumns.size()>;

// "-3", "+2.5", "-0.06%": what a spreadsheet reads as a number, not a formula.
bool is_plain_number(std::string_view text) {
  std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (!text.empty() && text.back() == '%') {
    text.remove_suffix(1);
  }
  bool digits = false;
  bool point = false;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits = true;
    } else if (text[i] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits;
}

// A cell a spreadsheet would run as a formula, made text.
std::string spreadsheet_safe(std::string_view field) {
  if (field.empty() || std::string_view("=+-@").find(field[0]) == std::string_view::npos ||
      is_plain_number(field)) {
    return std::string(field);
  }
  std::string out(1, '\'');
  out += field;
  return out;
}

// RFC 4180: a field with a comma, quote or line break is quoted, and quotes
// inside are doubled.
std::string quote(std::string_view text) {
  const std::string field = spreadsheet_safe(text);
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    return field;
  }
  std::string out = "\"";
  for (const char c : field) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

void write_row(std::ostream& out, const Row& row) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    out << (c > 0 ? "," : "") << quote(row[c]);
  }
  out << "\r\n";
}

std::string_view yes_no(bool value, Lang lang) {
  return term_text(value ? Term::csv_true : Term::csv_false, lang);
}

// The columns every row of one project shares.
Row project_row(Term row_kind, const ProjectResult& p, Lang lang) {
  Row row;
  row[0] = term_text(row_kind, lang);
  row[1] = p.file;
  row[2] = p.project;
  row[3] = term_text(is_unit(p) ? Term::kind_unit : Term::kind_project, lang);
  row[4] = p.policy;
  return row;
}

Row funds_row(const ProjectResult& p, Lang lang) {
  const FundsResult& f = p.funds;
  Row row = project_row(Term::csv_funds_row, p, lang);
  row[7] = form_words(p, lang).funds_row;
  row[8] = f.weight.to_string();
  row[9] = amount_text(f.budget);
  row[10] = amount_text(f.executed);
  if (f.scored) {
    row[11] = rate_text(p, f.rate);
    row[12] = score_text(p, f.score);
    row[14] = yes_no(f.explanation_required, lang);
  }
  row[16] = f.reported.rate.value_or("");
  row[17] = f.reported.score.value_or("");
  row[18] = join_notes(difference_notes(p, f.differences, lang, true), lang);
  return row;
}

Row indicator_row(const ProjectResult& p, const IndicatorResult& i, Lang lang) {
  Row row = project_row(Term::csv_indicator_row, p, lang);
  row[5] = i.category1;
  row[6] = i.category2;
  row[7] = i.name;
  row[8] = i.weight.to_string();
  row[9] = i.target;
  row[10] = i.actual;
  if (shows_figures(i)) {
    row[11] = rate_text(p, i.rate);
    row[12] = score_text(p, i.score_rounded);
    row[13] = yes_no(i.met, lang);
    row[14] = yes_no(i.explanation_required, lang);
  }
  row[15] = yes_no(i.explanation_present, lang);
  row[16] = i.reported.rate.value_or("");
  row[17] = i.reported.score.value_or("");
  row[18] = join_notes(audit_notes(p, i, lang), lang);
  row[19] = i.explanation;
  return row;
}

Row total_row(const ProjectResult& p, Lang lang) {
  Row row = project_row(Term::total_in_text, p, lang);
  row[7] = term_text(Term::total, lang);
  row[8] = p.full_marks.to_string();
  if (p.total) {
    row[12] = score_text(p, *p.total);
  }
  row[17] = p.reported_total.value_or("");
  if (p.total_difference) {
    row[18] = join_notes(difference_notes(p, {*p.total_difference}, lang), lang);
  }
  row[20] = p.band.value_or("");
  return row;
}

}  // namespace

void write_csv(std::ostream& out, const RunResults& results, const FormatOptions& options) {
  out << "\xEF\xBB\xBF";  // byte-order mark
  Row header;
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    header[c] = term_text(kColumns[c], options.lang);
  }
  write_row(out, header);
  for (const auto& p : results.projects) {
    write_row(out, funds_row(p, options.lang));
    for (const auto& i : p.indicators) {
      write_row(out, indicator_row(p, i, options.lang));
    }
    write_row(out, total_row(p, options.lang));
  }
}

}  // namespace perfeval
