// The CSV report: every scored figure as one flat table, for spreadsheets
// and scripts. UTF-8 with a byte-order mark (Excel needs it to read CJK
// text), CRLF line ends and RFC 4180 quoting.
//
// Column names are fixed identifiers in either language, like the JSON
// keys; the values (category and indicator names, notes) are the data's own
// text. The first column, `row`, says what a row is:
//
//   funds      the funds line (预算执行率): `indicator` is the row's printed
//              label, `target` the 全年预算数 and `actual` the 全年执行数 in
//              万元, `weight`, `rate` and `score` its 分值, 执行率 and 得分;
//   indicator  one 三级指标;
//   total      the table's 总分: `weight` is the full marks, `score` the
//              total, `reported_score` the printed total, `band` the band.
//
// Figures are the exact decimal text of the JSON report ("9.80",
// "102.00%"); booleans are `true`/`false`, empty where not scored.

#include <array>

#include "perfeval/runtime/report_formats.hpp"
#include "report_common.hpp"

namespace perfeval {
namespace {

using namespace report_detail;

constexpr std::array<std::string_view, 21> kColumns = {"row",
                                                       "file",
                                                       "project",
                                                       "kind",
                                                       "policy",
                                                       "category1",
                                                       "category2",
                                                       "indicator",
                                                       "weight",
                                                       "target",
                                                       "actual",
                                                       "rate",
                                                       "score",
                                                       "met",
                                                       "explanation_required",
                                                       "explanation_present",
                                                       "reported_rate",
                                                       "reported_score",
                                                       "differences",
                                                       "explanation",
                                                       "band"};

using Row = std::array<std::string, kColumns.size()>;

// RFC 4180: a field with a comma, quote or line break is quoted, and quotes
// inside are doubled.
std::string quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(field);
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

template <std::size_t N>
void write_row(std::ostream& out, const std::array<std::string_view, N>& fields) {
  for (std::size_t c = 0; c < N; ++c) {
    out << (c > 0 ? "," : "") << quote(fields[c]);
  }
  out << "\r\n";
}

void write_row(std::ostream& out, const Row& row) {
  std::array<std::string_view, kColumns.size()> fields;
  for (std::size_t c = 0; c < row.size(); ++c) {
    fields[c] = row[c];
  }
  write_row(out, fields);
}

std::string_view yes_no(bool value) {
  return value ? "true" : "false";
}

// The columns every row of one project shares.
Row project_row(std::string_view kind, const ProjectResult& p) {
  Row row;
  row[0] = kind;
  row[1] = p.file;
  row[2] = p.project;
  row[3] = p.kind;
  row[4] = p.policy;
  return row;
}

Row funds_row(const ProjectResult& p, Lang lang) {
  const FundsResult& f = p.funds;
  Row row = project_row("funds", p);
  row[7] = form_words(p, lang).funds_row;
  row[8] = f.weight.to_string();
  row[9] = amount_text(f.budget);
  row[10] = amount_text(f.executed);
  if (f.scored) {
    row[11] = rate_text(p, f.rate);
    row[12] = score_text(p, f.score);
    row[14] = yes_no(f.explanation_required);
  }
  row[16] = f.reported.rate.value_or("");
  row[17] = f.reported.score.value_or("");
  row[18] = join_notes(difference_notes(p, f.differences, lang, true), lang);
  return row;
}

Row indicator_row(const ProjectResult& p, const IndicatorResult& i, Lang lang) {
  Row row = project_row("indicator", p);
  row[5] = i.category1;
  row[6] = i.category2;
  row[7] = i.name;
  row[8] = i.weight.to_string();
  row[9] = i.target;
  row[10] = i.actual;
  if (shows_figures(i)) {
    row[11] = rate_text(p, i.rate);
    row[12] = score_text(p, i.score_rounded);
    row[13] = yes_no(i.met);
    row[14] = yes_no(i.explanation_required);
  }
  row[15] = yes_no(i.explanation_present);
  row[16] = i.reported.rate.value_or("");
  row[17] = i.reported.score.value_or("");
  row[18] = join_notes(audit_notes(p, i, lang), lang);
  row[19] = i.explanation;
  return row;
}

Row total_row(const ProjectResult& p, Lang lang) {
  Row row = project_row("total", p);
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
  write_row(out, kColumns);
  for (const auto& p : results.projects) {
    write_row(out, funds_row(p, options.lang));
    for (const auto& i : p.indicators) {
      write_row(out, indicator_row(p, i, options.lang));
    }
    write_row(out, total_row(p, options.lang));
  }
}

}  // namespace perfeval
