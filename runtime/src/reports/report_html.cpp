// The HTML report: one self-contained page to open in a browser and print.
// Each table is laid out like the printed 项目支出绩效自评表 (or
// 单位整体支出绩效自评表) on its own A4-landscape page; rows the audit flags
// carry a ※ mark that points to a note under the table. A summary page with
// a bar chart of the totals comes last. No scripts, no external resources:
// the file can be mailed on its own.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <sstream>

#include "perfeval/runtime/internal/print_fit.hpp"
#include "perfeval/runtime/internal/print_pages.hpp"
#include "perfeval/runtime/report_formats.hpp"
#include "report_common.hpp"

namespace perfeval {
namespace {

using namespace report_detail;

// Text made safe for element content and for quoted attribute values.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One table cell; `attributes` is trusted markup written by this file.
std::string cell(std::string_view tag, std::string_view text, std::string_view attributes = "") {
  return fmt::format("<{0}{1}{2}>{3}</{0}>", tag, attributes.empty() ? "" : " ", attributes,
                     escape(text));
}

std::string spans(std::size_t colspan, std::size_t rowspan = 1) {
  std::string out;
  if (colspan > 1) {
    out += fmt::format(" colspan=\"{}\"", colspan);
  }
  if (rowspan > 1) {
    out += fmt::format(" rowspan=\"{}\"", rowspan);
  }
  return out;
}

// The page number's line at the foot of each printed page, and how much of
// the page's width the chart takes when printed.
constexpr std::int64_t kPageNumberHeight = 8'000;
constexpr std::int64_t kChartShare = 50;
// What the estimate of a page's height may be short by (see print_fit.hpp).
constexpr std::int64_t kSafety = 10'000;

// A4 landscape on paper; on screen each table looks like a sheet of paper.
// Printed, each sheet is one page: its content is scaled (zoom) by the
// factor plan_pages() computes, and the page number sits at its foot. A
// table too tall for one page at half size is written as several sheets.
constexpr std::string_view kStyle = R"css(
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { background: #d9d9d9; }
body { margin: 0; color: #000;
  font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC",
    "WenQuanYi Micro Hei", serif; font-size: 10pt; }
.sheet { width: 297mm; min-height: 210mm; margin: 6mm auto; padding: 10mm; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.35); }
h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 18pt; text-align: center; margin: 0; letter-spacing: .1em; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
.year { text-align: center; margin: 1mm 0 1mm; }
.source { text-align: right; font-size: 8pt; color: #555; margin: 0 0 1mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
table + table { margin-top: -1px; }
th, td { border: 1px solid #000; padding: 1.2mm 1mm; vertical-align: middle;
  overflow-wrap: break-word; }
th { font-weight: bold; background: #f2f2f2; text-align: center; }
table.indicators thead th { font-size: 8.5pt; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.center { text-align: center; }
td.expl { font-size: 7.5pt; line-height: 1.3; }
table.goals th:first-child { width: 14%; }
td.text { font-size: 8pt; line-height: 1.35; text-align: left; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr.flagged td, tr.flagged th { background: #ffe3c2; }
/* A category cell spans rows that are not flagged: it keeps the page colour. */
td.category, tr.flagged td.category { text-align: center; background: #fff; }
tr.total td, tr.total th { font-weight: bold; background: #f2f2f2; }
tr.total.flagged td, tr.total.flagged th { background: #ffe3c2; }
.mark { color: #c00000; font-weight: bold; margin-right: .3em; }
.status-missing { color: #c00000; font-weight: bold; }
.notes { margin: 2mm 0 0; padding: 0; list-style: none; font-size: 9pt; }
.notes li { margin: .6mm 0; }
.empty { color: #555; }
.chart { width: 100%; height: auto; margin-top: 2mm; }
.counts { width: auto; min-width: 60mm; }
.summary td.name { text-align: left; }
html, body, tr, td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sign { display: flex; justify-content: space-between; margin: 5mm 0 0; padding: 0 4mm; }
.sign .blank { display: inline-block; width: 45mm; border-bottom: 1px solid #000; }
.page-number { text-align: center; font-size: 9pt; margin: 3mm 0 0; }
.continued { font-weight: bold; margin: 0 0 2mm; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 186mm; margin: 0; padding: 0; box-shadow: none;
    display: flex; flex-direction: column; break-after: page; page-break-after: always; }
  .sheet:last-child { break-after: auto; page-break-after: auto; }
  .fit { zoom: var(--scale, 1); }
  .page-number { margin-top: auto; }
  .chart { width: 50%; display: block; margin: 2mm auto 0; }
}
)css";

// The notes under one table, numbered in the order of their marks: the
// funds row, the indicator rows, the total. Each row with a note takes the
// next mark as it is written.
struct Notes {
  std::vector<std::pair<std::string, std::string>> items;  // row name (or ""), findings
  std::size_t marked = 0;
  std::string next_mark() { return fmt::format("<span class=\"mark\">※{}</span>", ++marked); }
};

// An explanation where none is required is noted, but not flagged: the
// table is not wrong, the officer has written more than was asked.
bool explanation_unneeded(const IndicatorResult& i) {
  return i.scored && !i.explanation_required && i.explanation_present;
}

bool has_note(const IndicatorResult& i) {
  return is_flagged(i) || explanation_unneeded(i);
}

Notes table_notes(const ProjectResult& p, const FormWords& form, Lang lang) {
  Notes notes;
  if (!p.funds.differences.empty()) {
    notes.items.emplace_back(
        std::string(form.funds_row),
        join_notes(difference_notes(p, p.funds.differences, lang, true), lang));
  }
  for (const auto& i : p.indicators) {
    if (has_note(i)) {
      std::vector<std::string> findings = audit_notes(p, i, lang);
      if (explanation_unneeded(i)) {
        findings.emplace_back(term_text(Term::explanation_unneeded_note, lang));
      }
      notes.items.emplace_back(i.name, join_notes(findings, lang));
    }
  }
  if (p.total_difference) {
    // The finding already says 总分.
    notes.items.emplace_back("",
                             join_notes(difference_notes(p, {*p.total_difference}, lang), lang));
  }
  return notes;
}

// Per mille of the page width, as "7.5%".
std::string percent_of_page(std::int64_t permille) {
  return permille % 10 == 0 ? fmt::format("{}%", permille / 10)
                            : fmt::format("{}.{}%", permille / 10, permille % 10);
}

// Each block of a table is written by a write_ function and described for
// the estimate of its printed height by the measure_ function beside it:
// the whole table is measured, and its pages decided, before any page is
// written, because every page carries the number of pages in the report.

void measure_heading(const ProjectResult& p, const FormWords& form, Lang lang, PrintFit& fit) {
  const Words words(lang);
  fit.fixed(14'800);  // title, year and source lines
  fit.row({{form.name, 140}, {p.project, 860}});
  if (!p.department.empty() || !p.implementer.empty()) {
    fit.row({{words[Term::department], 140}, {p.department, 360}, {p.implementer, 360}});
  }
}

void write_heading(std::ostream& out, const ProjectResult& p, const FormWords& form, Lang lang) {
  const Words words(lang);
  out << cell("h1", form.title) << "\n";
  if (const std::string year = year_line(p, lang); !year.empty()) {
    out << cell("p", year, "class=\"year\"") << "\n";
  }
  out << "<p class=\"source\">" << escape(words[Term::file]) << ": " << escape(p.file) << "　"
      << escape(words[Term::policy]) << ": " << escape(p.policy) << "</p>\n";
  out << "<table class=\"info\"><colgroup><col style=\"width:14%\"><col style=\"width:36%\">"
         "<col style=\"width:14%\"><col style=\"width:36%\"></colgroup>\n";
  out << "<tr>" << cell("th", form.name) << cell("td", p.project, "colspan=\"3\" class=\"name\"")
      << "</tr>\n";
  if (!p.department.empty() || !p.implementer.empty()) {
    out << "<tr>" << cell("th", words[Term::department]) << cell("td", p.department)
        << cell("th", words[Term::implementer]) << cell("td", p.implementer) << "</tr>\n";
  }
  out << "</table>\n";
}

// "项目名称：XXX（续）": the line that heads each page a table continues on.
std::string continued_caption(const ProjectResult& p, const FormWords& form, Lang lang) {
  return labelled(form.name, fmt::format(fmt::runtime(term_text(Term::continued, lang)), p.project),
                  lang);
}

void measure_continued_caption(const ProjectResult& p, const FormWords& form, Lang lang,
                               PrintFit& fit) {
  fit.row({{continued_caption(p, form, lang), 1000}}, 2'000);
}

bool shows_reported_funds(const ProjectResult& p) {
  return p.funds.reported.rate || p.funds.reported.score;
}

void measure_funds(const ProjectResult& p, Words words, PrintFit& fit) {
  const bool reported = shows_reported_funds(p);
  const std::int64_t figure = reported ? 90 : 120;  // the columns after the first two
  std::vector<PrintCell> heading = {{words[Term::planned], figure},
                                    {words[Term::budget], figure},
                                    {words[Term::executed], figure},
                                    {words[Term::execution_rate], figure}};
  if (reported) {
    heading.push_back({words[Term::reported_rate], figure});
  }
  fit.row(std::move(heading));
  fit.fixed(6'700 * static_cast<std::int64_t>(1 + p.funds_sources.size()));
}

void write_funds(std::ostream& out, const ProjectResult& p, const FormWords& form, Words words,
                 Notes& notes) {
  const FundsResult& f = p.funds;
  const bool reported = shows_reported_funds(p);
  out << "<table class=\"funds\"><colgroup><col style=\"width:14%\"><col style=\"width:14%\">"
         "</colgroup>\n<tr>"
      << cell("th", form.funds, fmt::format("rowspan=\"{}\"", 2 + p.funds_sources.size()))
      << cell("th", "") << cell("th", words[Term::planned]) << cell("th", words[Term::budget])
      << cell("th", words[Term::executed]) << cell("th", form.funds_weight)
      << cell("th", words[Term::execution_rate]) << cell("th", words[Term::score]);
  if (reported) {
    out << cell("th", words[Term::reported_rate]) << cell("th", words[Term::reported_score]);
  }
  out << "</tr>\n";
  const std::string mark = f.differences.empty() ? std::string() : notes.next_mark();
  out << (f.differences.empty() ? "<tr>" : "<tr class=\"flagged\">") << "<th>" << mark
      << escape(form.funds_row) << "</th>" << cell("td", amount_text(f.planned), "class=\"num\"")
      << cell("td", amount_text(f.budget), "class=\"num\"")
      << cell("td", amount_text(f.executed), "class=\"num\"")
      << cell("td", f.weight.to_string(), "class=\"num\"")
      << cell("td", f.scored ? rate_text(p, f.rate) : "—", "class=\"num\"")
      << cell("td", f.scored ? score_text(p, f.score) : "—", "class=\"num\"");
  if (reported) {
    out << cell("td", f.reported.rate.value_or(""), "class=\"num\"")
        << cell("td", f.reported.score.value_or(""), "class=\"num\"");
  }
  out << "</tr>\n";
  // The 其中 rows (当年财政拨款, 其他资金; 上级资金, 本级资金 on the unit
  // table) as printed: they carry no rate or score of their own.
  for (const auto& source : p.funds_sources) {
    out << "<tr><th>" << escape(source.name) << "</th>"
        << cell("td", source.planned, "class=\"num\"") << cell("td", source.budget, "class=\"num\"")
        << cell("td", source.executed, "class=\"num\"") << cell("td", "—", "class=\"num\"")
        << cell("td", "—", "class=\"num\"") << cell("td", "—", "class=\"num\"");
    if (reported) {
      out << cell("td", "") << cell("td", "");
    }
    out << "</tr>\n";
  }
  out << "</table>\n";
}

// 年度总体目标: what the project set out to do and what it did, as written.
void measure_goals(const ProjectResult& p, PrintFit& fit) {
  if (p.goals_planned.empty() && p.goals_achieved.empty()) {
    return;
  }
  fit.fixed(6'600);
  fit.row({{p.goals_planned, 430, 80, 135}, {p.goals_achieved, 430, 80, 135}});
}

void write_goals(std::ostream& out, const ProjectResult& p, Lang lang) {
  if (p.goals_planned.empty() && p.goals_achieved.empty()) {
    return;
  }
  const Words words(lang);
  out << "<table class=\"goals\"><tr>" << cell("th", words[Term::overall_goals], "rowspan=\"2\"")
      << cell("th", words[Term::goals_expected]) << cell("th", words[Term::goals_achieved])
      << "</tr>\n<tr>" << cell("td", p.goals_planned, "class=\"text\"")
      << cell("td", p.goals_achieved, "class=\"text\"") << "</tr>\n</table>\n";
}

// The columns of the indicator table, so the header, the rows and the total
// row agree on what is shown.
struct Columns {
  bool reported = false;      // 填报完成率 / 填报得分
  bool explanations = false;  // 偏差原因分析及改进措施
  explicit Columns(const ProjectResult& p) : reported(has_reported_figures(p)) {
    for (const auto& i : p.indicators) {
      explanations |= i.explanation_present || i.explanation_required;
    }
  }
  std::size_t count() const { return 9 + (reported ? 2 : 0) + (explanations ? 1 : 0); }
  // Each column's share of the page in per mille, in the order of the
  // header; the explanation text, or else the indicator's name, takes what
  // is left.
  std::vector<std::int64_t> widths() const {
    const std::int64_t values = explanations ? 85 : 110;
    std::vector<std::int64_t> out = {75, 75, explanations ? 165 : 0, 50, values, values, 65, 55};
    if (reported) {
      out.insert(out.end(), {60, 60});
    }
    out.push_back(65);
    if (explanations) {
      out.push_back(0);
    }
    std::int64_t used = 0;
    for (const std::int64_t w : out) {
      used += w;
    }
    *std::find(out.begin(), out.end(), 0) = 1000 - used;
    return out;
  }
};

std::vector<std::string_view> indicator_headings(const FormWords& form, Words words,
                                                 const Columns& columns) {
  std::vector<std::string_view> headings = {words[Term::category1],
                                            words[Term::category2],
                                            words[Term::indicator],
                                            form.weight,
                                            form.target,
                                            form.actual,
                                            words[Term::rate],
                                            words[Term::indicator_score]};
  if (columns.reported) {
    headings.insert(headings.end(), {words[Term::reported_rate], words[Term::reported_score]});
  }
  headings.push_back(words[Term::explanation_status]);
  if (columns.explanations) {
    headings.push_back(words[Term::explanation_text]);
  }
  return headings;
}

void measure_indicator_header(const FormWords& form, Words words, const Columns& columns,
                              PrintFit& fit) {
  const std::vector<std::int64_t> widths = columns.widths();
  const std::vector<std::string_view> headings = indicator_headings(form, words, columns);
  std::vector<PrintCell> row;
  for (std::size_t c = 0; c < headings.size(); ++c) {
    row.push_back({headings[c], widths[c], 85});
  }
  fit.row(std::move(row));
}

void write_indicator_header(std::ostream& out, const FormWords& form, Words words,
                            const Columns& columns) {
  const std::vector<std::int64_t> widths = columns.widths();
  // The last column takes what is left, as the browser computes it.
  out << "<colgroup>";
  for (std::size_t c = 0; c + 1 < widths.size(); ++c) {
    out << "<col style=\"width:" << percent_of_page(widths[c]) << "\">";
  }
  out << "<col></colgroup>\n<thead><tr>";
  for (const std::string_view heading : indicator_headings(form, words, columns)) {
    out << cell("th", heading);
  }
  out << "</tr></thead>\n";
}

void measure_indicator_row(const IndicatorResult& i, std::size_t span1, std::size_t span2,
                           const std::vector<std::int64_t>& widths, bool explanations,
                           PrintFit& fit) {
  // A category cell that spans rows shares its height with them; one that
  // spans only this row may set its height.
  std::vector<PrintCell> cells = {
      {i.name, widths[2]}, {i.target, widths[4]}, {i.actual, widths[5]}};
  if (span1 == 1) {
    cells.push_back({i.category1, widths[0]});
  }
  if (span2 == 1) {
    cells.push_back({i.category2, widths[1]});
  }
  if (explanations) {
    cells.push_back({i.explanation, widths.back(), 75, 130});
  }
  fit.row(std::move(cells));
}

void write_indicator_row(std::ostream& out, const ProjectResult& p, const IndicatorResult& i,
                         std::size_t span1, std::size_t span2, const Columns& columns, Lang lang,
                         Notes& notes) {
  const std::string mark = has_note(i) ? notes.next_mark() : std::string();
  out << (is_flagged(i) ? "<tr class=\"flagged\">" : "<tr>");
  if (span1 > 0) {
    out << cell("td", i.category1, "class=\"category\"" + spans(1, span1));
  }
  if (span2 > 0) {
    out << cell("td", i.category2, "class=\"category\"" + spans(1, span2));
  }
  out << "<td>" << mark << escape(i.name) << "</td>"
      << cell("td", i.weight.to_string(), "class=\"num\"") << cell("td", i.target)
      << cell("td", i.actual) << cell("td", indicator_rate_cell(p, i), "class=\"num\"")
      << cell("td", indicator_score_cell(p, i, lang), "class=\"num\"");
  if (columns.reported) {
    out << cell("td", i.reported.rate.value_or(""), "class=\"num\"")
        << cell("td", i.reported.score.value_or(""), "class=\"num\"");
  }
  out << cell("td", explanation_status(i, lang),
              i.explanation_missing() ? "class=\"center status-missing\"" : "class=\"center\"");
  if (columns.explanations) {
    out << cell("td", i.explanation, "class=\"expl\"");
  }
  out << "</tr>\n";
}

// The merged category cells of the rows `first` up to `last` printed on one
// page, from those of the whole table: a cell is cut at the foot of the
// page, and a cell that began on an earlier page is written again on the
// page's first row, so every page shows each row's 一级 and 二级 category.
std::vector<std::size_t> spans_on_page(const std::vector<std::size_t>& whole, std::size_t first,
                                       std::size_t last) {
  std::vector<std::size_t> out(last - first, 0);
  for (std::size_t row = first; row < last; ++row) {
    std::size_t start = row;
    if (row == first) {
      while (start > 0 && whole[start] == 0) {
        --start;
      }
    }
    if (whole[start] > 0) {
      out[row - first] = std::min(start + whole[start], last) - row;
    }
  }
  return out;
}

constexpr std::int64_t kTotalRowHeight = 6'600;

void write_total_row(std::ostream& out, const ProjectResult& p, Words words, const Columns& columns,
                     Notes& notes) {
  const std::string mark = p.total_difference ? notes.next_mark() : std::string();
  const std::string band = p.band ? labelled(words[Term::band], *p.band, words.lang())
                                  : std::string(p.total ? "" : words[Term::not_scored]);
  out << (mark.empty() ? "<tr class=\"total\">" : "<tr class=\"total flagged\">")
      << "<th colspan=\"3\">" << mark << escape(words[Term::total]) << "</th>"
      << cell("td", p.full_marks.to_string(), "class=\"num\"")
      << cell("td", band, "colspan=\"3\" class=\"center band\"")
      << cell("td", total_text(p), "class=\"num total-score\"");
  if (columns.reported) {
    out << cell("td", "") << cell("td", p.reported_total.value_or(""), "class=\"num\"");
  }
  out << cell("td", "") << (columns.explanations ? cell("td", "") : "") << "</tr>\n";
}

std::string note_text(const std::pair<std::string, std::string>& note, Lang lang) {
  return note.first.empty() ? note.second : labelled(note.first, note.second, lang);
}

void measure_notes(const Notes& notes, Lang lang, PrintFit& fit) {
  if (notes.items.empty()) {
    return;
  }
  fit.fixed(2'000);
  for (const auto& note : notes.items) {
    fit.row({{note_text(note, lang), 1000, 90}}, 1'200);
  }
}

void write_notes(std::ostream& out, const Notes& notes, Lang lang) {
  if (notes.items.empty()) {
    return;
  }
  out << "<ul class=\"notes\">\n";
  for (std::size_t n = 0; n < notes.items.size(); ++n) {
    out << fmt::format("<li><span class=\"mark\">※{}</span>{}</li>\n", n + 1,
                       escape(note_text(notes.items[n], lang)));
  }
  out << "</ul>\n";
}

// The blank lines to sign under a printed table.
constexpr std::int64_t kSignaturesHeight = 11'000;

void write_signatures(std::ostream& out, Words words) {
  out << "<p class=\"sign\">";
  for (const Term term : {Term::prepared_by, Term::reviewed_by, Term::date}) {
    out << "<span>" << escape(labelled(words[term], "", words.lang()))
        << "<span class=\"blank\"></span></span>";
  }
  out << "</p>\n";
}

// What a printed page may hold above its page number.
constexpr std::int64_t kPrintable = PrintFit::kPageHeight - kPageNumberHeight - kSafety;

// One printed page: the content, scaled to fit when printed, and the page
// number at the foot of the page.
void write_sheet(std::ostream& out, std::string_view attributes, const std::string& content,
                 std::int64_t scale, std::size_t page, std::size_t pages, Words words) {
  out << "<section " << attributes << fmt::format(" data-scale=\"{}\">\n", scale)
      << (scale < 100 ? fmt::format("<div class=\"fit\" style=\"--scale:{}\">\n",
                                    Rational::fraction(scale, 100).to_string())
                      : std::string("<div class=\"fit\">\n"))
      << content << "</div>\n"
      << cell("p", fmt::format(fmt::runtime(words[Term::page_of]), page, pages),
              "class=\"page-number\"")
      << "\n</section>\n";
}

// How the table of `p` is printed: on one page at some scale, or broken
// into pages (see print_pages.hpp).
PageBreaks plan_pages(const ProjectResult& p, Lang lang) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  const Columns columns(p);
  PrintFit fit;
  measure_heading(p, form, lang, fit);
  measure_funds(p, words, fit);
  measure_goals(p, fit);
  measure_indicator_header(form, words, columns, fit);
  TableParts parts;
  parts.head_end = fit.size();
  const CategorySpans span = category_spans(p.indicators);
  const std::vector<std::int64_t> widths = columns.widths();
  for (std::size_t row = 0; row < p.indicators.size(); ++row) {
    measure_indicator_row(p.indicators[row], span.category1[row], span.category2[row], widths,
                          columns.explanations, fit);
  }
  parts.rows_end = fit.size();
  fit.fixed(kTotalRowHeight);
  measure_notes(table_notes(p, form, lang), lang, fit);
  fit.fixed(kSignaturesHeight);
  PrintFit caption;
  measure_continued_caption(p, form, lang, caption);
  return break_pages(fit, parts, caption, kPrintable);
}

// The pages of one table, numbered from `page`: the first with the whole
// form, each further one headed by the continued caption and the column
// headings; the total row, the notes and the lines to sign on the last.
void write_project(std::ostream& out, const ProjectResult& p, Lang lang, const PageBreaks& breaks,
                   std::size_t page, std::size_t pages) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  const Columns columns(p);
  const CategorySpans span = category_spans(p.indicators);
  Notes notes = table_notes(p, form, lang);
  for (std::size_t part = 0; part < breaks.pages(); ++part) {
    const std::size_t first = part == 0 ? 0 : breaks.starts[part - 1];
    const std::size_t last =
        part < breaks.starts.size() ? breaks.starts[part] : p.indicators.size();
    const bool last_part = part + 1 == breaks.pages();
    std::ostringstream content;
    if (part == 0) {
      write_heading(content, p, form, lang);
      write_funds(content, p, form, words, notes);
      write_goals(content, p, lang);
    } else {
      content << cell("p", continued_caption(p, form, lang), "class=\"continued\"") << "\n";
    }
    content << "<table class=\"indicators\">\n";
    write_indicator_header(content, form, words, columns);
    content << "<tbody>\n";
    const std::vector<std::size_t> span1 = spans_on_page(span.category1, first, last);
    const std::vector<std::size_t> span2 = spans_on_page(span.category2, first, last);
    for (std::size_t row = first; row < last; ++row) {
      write_indicator_row(content, p, p.indicators[row], span1[row - first], span2[row - first],
                          columns, lang, notes);
    }
    if (last_part) {
      write_total_row(content, p, words, columns, notes);
    }
    content << "</tbody>\n</table>\n";
    if (last_part) {
      write_notes(content, notes, lang);
      write_signatures(content, words);
    }
    const std::string attributes =
        part == 0 ? fmt::format(
                        "class=\"sheet table\" data-kind=\"{}\" data-file=\"{}\" data-total=\"{}\" "
                        "data-flagged=\"{}\"",
                        escape(p.kind), escape(p.file), escape(total_text(p)),
                        p.differences() + p.explanations_missing())
                  : fmt::format("class=\"sheet continued\" data-file=\"{}\" data-part=\"{}\"",
                                escape(p.file), part + 1);
    write_sheet(out, attributes, content.str(), breaks.scale, page + part, pages, words);
  }
}

// Horizontal bars, one per table, scaled to the largest full marks; a
// dashed line marks 90 points. Coordinates are computed exactly and
// written with one decimal.
void write_chart(std::ostream& out, const RunResults& results, Lang lang, PrintFit& fit) {
  const Words words(lang);
  Rational scale(100);
  for (const auto& p : results.projects) {
    scale = std::max(scale, p.full_marks);
  }
  const std::vector<BandCount> bands = band_counts(results);
  constexpr std::array<std::string_view, 4> kBandColours = {"#2e7d32", "#1565c0", "#ef6c00",
                                                            "#c62828"};
  auto colour = [&](const ProjectResult& p) -> std::string_view {
    for (std::size_t b = 0; b < bands.size(); ++b) {
      if (p.band && bands[b].band == *p.band) {
        return kBandColours[std::min(b, kBandColours.size() - 1)];
      }
    }
    return "#757575";
  };
  constexpr std::int64_t kLeft = 330, kWidth = 560, kRow = 22, kTop = 30;
  const std::int64_t height = kTop + kRow * static_cast<std::int64_t>(results.projects.size()) + 30;
  // Printed at kChartShare of the page width (see kStyle).
  fit.picture(PrintFit::kPageWidth * kChartShare / 100 * height / 1000 + 2'000);
  auto x = [&](const Rational& value) {
    return (Rational(kLeft) + value * Rational(kWidth) / scale).to_fixed(1);
  };
  out << fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 {}\" "
      "role=\"img\" aria-label=\"{}\" font-size=\"12\">\n",
      height, escape(words[Term::chart_title]));
  out << fmt::format("<text x=\"{}\" y=\"16\" font-weight=\"bold\">{}</text>\n", kLeft,
                     escape(words[Term::chart_title]));
  // Grid lines every tenth of the scale, labelled below the bars.
  const std::int64_t bottom = kTop + kRow * static_cast<std::int64_t>(results.projects.size());
  for (std::int64_t step = 0; step <= 10; ++step) {
    const Rational value = scale * Rational::fraction(step, 10);
    out << fmt::format(
        "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#555\">{4}</text>\n",
        x(value), kTop - 4, bottom, bottom + 14, value.to_string());
  }
  for (std::size_t n = 0; n < results.projects.size(); ++n) {
    const ProjectResult& p = results.projects[n];
    const std::int64_t y = kTop + kRow * static_cast<std::int64_t>(n);
    out << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", kLeft - 6, y + 15,
                       escape(truncate(p.project, 44)));
    if (p.total) {
      out << fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>"
          "<text x=\"{}\" y=\"{}\">{} {}</text>\n",
          kLeft, y + 4, (std::max(*p.total, Rational(0)) * Rational(kWidth) / scale).to_fixed(1),
          kRow - 8, colour(p), kLeft + kWidth + 6, y + 15, escape(total_text(p)),
          escape(p.band.value_or("")));
    } else {
      out << fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#c00000\">{}</text>\n", kLeft + 4, y + 15,
                         escape(words[Term::not_scored]));
    }
  }
  out << fmt::format(
      "<line class=\"reference\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#c00000\" "
      "stroke-dasharray=\"5 3\"/><text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" "
      "fill=\"#c00000\">90</text>\n",
      x(Rational(90)), kTop - 4, bottom, kTop - 8);
  out << "</svg>\n";
}

void write_summary(std::ostream& page_out, const RunResults& results, Lang lang,
                   std::size_t pages) {
  const Words words(lang);
  std::ostringstream out;
  PrintFit fit;
  fit.fixed(7'400 + 6'600);  // the title and the header row
  out << cell("h1", words[Term::summary]) << "\n";
  out << "<table class=\"projects\"><colgroup><col style=\"width:5%\"><col style=\"width:33%\">"
         "<col style=\"width:8%\"><col style=\"width:22%\"><col style=\"width:7%\">"
         "<col style=\"width:6%\"><col style=\"width:5%\"><col style=\"width:7%\">"
         "<col style=\"width:7%\"></colgroup>\n<thead><tr>"
      << cell("th", words[Term::index]) << cell("th", words[Term::name])
      << cell("th", words[Term::kind]) << cell("th", words[Term::file])
      << cell("th", words[Term::total]) << cell("th", words[Term::full_marks])
      << cell("th", words[Term::band]) << cell("th", words[Term::differences])
      << cell("th", words[Term::explanations_missing]) << "</tr></thead>\n<tbody>\n";
  for (std::size_t n = 0; n < results.projects.size(); ++n) {
    const ProjectResult& p = results.projects[n];
    const bool flagged = p.differences() + p.explanations_missing() > 0 || !p.complete;
    fit.row({{p.project, 330}, {p.file, 220}});
    out << (flagged ? "<tr class=\"flagged\"" : "<tr")
        << fmt::format(" data-file=\"{}\">", escape(p.file))
        << cell("td", std::to_string(n + 1), "class=\"num\"")
        << cell("td", p.project, "class=\"name\"")
        << cell("td", form_words(p, lang).kind, "class=\"center\"") << cell("td", p.file)
        << cell("td", total_text(p), "class=\"num total\"")
        << cell("td", p.full_marks.to_string(), "class=\"num\"")
        << cell("td", p.band.value_or(p.complete ? "" : std::string(words[Term::not_scored])),
                "class=\"center\"")
        << cell("td", std::to_string(p.differences()), "class=\"num\"")
        << cell("td", std::to_string(p.explanations_missing()), "class=\"num\"") << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";

  fit.fixed(16'000);  // the heading of the counts and their header row
  out << cell("h2", run_counts(results, lang)) << "\n<table class=\"counts\"><thead><tr>"
      << cell("th", words[Term::band]) << cell("th", words[Term::count])
      << "</tr></thead><tbody>\n";
  for (const auto& b : band_counts(results)) {
    fit.fixed(6'600);
    out << "<tr>" << cell("td", b.band, "class=\"center\"")
        << cell("td", std::to_string(b.count), "class=\"num\"") << "</tr>\n";
  }
  out << "</tbody></table>\n";
  write_chart(out, results, lang, fit);

  if (!results.diagnostics.empty()) {
    out << "<ul class=\"notes problems\">\n";
    for (const auto& d : results.diagnostics) {
      fit.row({{message_text(d, lang), 1000, 90}}, 1'200);
      out << "<li><span class=\"mark\">!</span>" << escape(labelled(d.file, "", lang))
          << escape(message_text(d, lang)) << "</li>\n";
    }
    out << "</ul>\n";
  }
  write_sheet(page_out, "class=\"sheet summary\"", out.str(), fit.scale_to_fit(kPrintable), pages,
              pages, words);
}

}  // namespace

void write_html(std::ostream& out, const RunResults& results, const FormatOptions& options) {
  const Lang lang = options.lang;
  out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::zh ? "zh-CN" : "en") << "\">\n"
      << "<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << cell("title", term_text(Term::html_title, lang)) << "\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n";
  // Every page carries the number of pages, so each table's pages are
  // decided before the first is written.
  std::vector<PageBreaks> breaks;
  breaks.reserve(results.projects.size());
  std::size_t pages = 1;  // the summary
  for (const auto& p : results.projects) {
    breaks.push_back(plan_pages(p, lang));
    pages += breaks.back().pages();
  }
  std::size_t page = 1;
  for (std::size_t n = 0; n < results.projects.size(); ++n) {
    write_project(out, results.projects[n], lang, breaks[n], page, pages);
    page += breaks[n].pages();
  }
  write_summary(out, results, lang, pages);
  out << "</body>\n</html>\n";
}

}  // namespace perfeval
