// The Excel report, written with libxlsxwriter: a summary sheet, then one
// sheet per table laid out like the printed 自评表 — merged 一级/二级
// category cells, figures as numbers with number formats, flagged rows
// shaded with the audit's note beside them — and ready to print: A4
// landscape, one page wide, the indicator header repeated on every page,
// page numbers in the footer, rows as tall as their wrapped text.
//
// Figures are exact decimals everywhere else in perfeval. Excel stores
// binary doubles only, so the Excel writer — excel_number() in
// report_xlsx_sheet.hpp, and nothing else in perfeval — converts: each
// figure is first rounded exactly as the policy says (the text the JSON
// report shows, e.g. "3.96" or "0.9895" for 98.95%), and that decimal text
// is read into the nearest double. The number format then shows the same
// digits the other reports show.

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "perfeval/runtime/report_formats.hpp"
#include "report_common.hpp"
#include "report_xlsx_sheet.hpp"

namespace perfeval {
namespace {

using namespace report_detail;
using namespace report_detail::xlsx;

// The columns of a table sheet.
enum Column : lxw_col_t {
  kCategory1,
  kCategory2,
  kIndicator,
  kWeight,
  kTarget,
  kActual,
  kRate,
  kScore,
  kReportedRate,
  kReportedScore,
  kStatus,
  kExplanation,
  kNotes,
  kColumnCount
};

constexpr lxw_col_t kLast = kColumnCount - 1;

// The funds block sits under the same columns, from 权重 on: 年初预算数,
// 全年预算数, 全年执行数, 分值, 执行率, 得分, then the printed 执行率 and 得分.
enum FundsColumn : lxw_col_t {
  kFundsLabel = kIndicator,
  kPlanned = kWeight,
  kBudget,
  kExecuted,
  kFundsWeight,
  kFundsRate,
  kFundsScore,
  kFundsReportedRate,
  kFundsReportedScore,
};

// A figure printed by hand: a number shown with the decimals it was printed
// with when it reads as one ("99.84%" is 0.9984 shown as 99.84%), otherwise
// the text as printed.
void printed(Sheet& sheet, lxw_row_t row, lxw_col_t col, std::string_view text, Styles& styles,
             bool flagged, std::optional<Styles::Pair> number_style = std::nullopt) {
  if (const auto figure = printed_figure(text)) {
    const Styles::Pair style = number_style ? *number_style
                                            : (figure->percent ? styles.rate(figure->digits)
                                                               : styles.score(figure->digits));
    sheet.number(row, col, figure->decimal, style.pick(flagged));
  } else {
    sheet.text(row, col, std::string(text), styles.centred.pick(flagged));
  }
}

void write_table_heading(Sheet& sheet, const ProjectResult& p, Lang lang, Styles& styles,
                         lxw_row_t& row) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  sheet.merged(row, 0, row, kLast, std::string(form.title), styles.title);
  ++row;
  sheet.merged(row, 0, row, kLast, year_line(p, lang), styles.subtitle);
  ++row;
  sheet.merged(row, kCategory1, row, kCategory2, std::string(form.name), styles.heading);
  sheet.merged(row, kIndicator, row, kLast, p.project, styles.text.plain);
  ++row;
  if (!p.department.empty() || !p.implementer.empty()) {
    sheet.merged(row, kCategory1, row, kCategory2, std::string(words[Term::department]),
                 styles.heading);
    sheet.merged(row, kIndicator, row, kActual, p.department, styles.text.plain);
    sheet.merged(row, kRate, row, kScore, std::string(words[Term::implementer]), styles.heading);
    sheet.merged(row, kReportedRate, row, kLast, p.implementer, styles.text.plain);
    ++row;
  }
  ++row;
}

void write_funds(Sheet& sheet, const ProjectResult& p, Lang lang, Styles& styles, lxw_row_t& row) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  const FundsResult& f = p.funds;
  const bool flagged = !f.differences.empty();
  sheet.merged(row, kCategory1, row + 1, kCategory2, std::string(form.funds), styles.heading);
  sheet.blank(row, kFundsLabel, styles.heading);
  const std::array<std::string_view, 8> headings = {
      words[Term::planned],       words[Term::budget],         words[Term::executed],
      form.funds_weight,          words[Term::execution_rate], words[Term::score],
      words[Term::reported_rate], words[Term::reported_score]};
  for (lxw_col_t c = 0; c < headings.size(); ++c) {
    sheet.text(row, static_cast<lxw_col_t>(kPlanned + c), std::string(headings[c]), styles.heading);
  }
  ++row;
  sheet.text(row, kFundsLabel, std::string(form.funds_row), styles.text.pick(flagged));
  sheet.number(row, kPlanned, amount_text(f.planned), styles.amount.pick(flagged));
  sheet.number(row, kBudget, amount_text(f.budget), styles.amount.pick(flagged));
  sheet.number(row, kExecuted, amount_text(f.executed), styles.amount.pick(flagged));
  sheet.number(row, kFundsWeight, f.weight.to_string(), styles.weight.pick(flagged));
  if (f.scored) {
    sheet.number(row, kFundsRate, f.rate.to_fixed(p.rate_digits + 2),
                 styles.rate(p.rate_digits).pick(flagged));
    sheet.number(row, kFundsScore, f.score.to_fixed(p.score_digits),
                 styles.score(p.score_digits).pick(flagged));
  } else {
    sheet.text(row, kFundsRate, "—", styles.centred.pick(true));
    sheet.text(row, kFundsScore, "—", styles.centred.pick(true));
  }
  printed(sheet, row, kFundsReportedRate, f.reported.rate.value_or(""), styles, flagged);
  printed(sheet, row, kFundsReportedScore, f.reported.score.value_or(""), styles, flagged);
  if (flagged) {
    sheet.text(row, kNotes, join_notes(difference_notes(p, f.differences, lang, true), lang),
               styles.long_text.flagged, Styles::kLongTextSize);
  }
  ++row;
  // The 其中 rows as printed: amounts only, no rate or score of their own.
  for (const auto& source : p.funds_sources) {
    sheet.text(row, kFundsLabel, source.name, styles.text.plain);
    printed(sheet, row, kPlanned, source.planned, styles, false, styles.amount);
    printed(sheet, row, kBudget, source.budget, styles, false, styles.amount);
    printed(sheet, row, kExecuted, source.executed, styles, false, styles.amount);
    for (const lxw_col_t col : {kFundsWeight, kFundsRate, kFundsScore}) {
      sheet.text(row, col, "—", styles.centred.plain);
    }
    sheet.blank(row, kFundsReportedRate, styles.text.plain);
    sheet.blank(row, kFundsReportedScore, styles.text.plain);
    ++row;
  }
  ++row;
}

// 年度总体目标: what the project set out to do and what it did, as written.
void write_goals(Sheet& sheet, const ProjectResult& p, Lang lang, Styles& styles, lxw_row_t& row) {
  if (p.goals_planned.empty() && p.goals_achieved.empty()) {
    return;
  }
  const Words words(lang);
  sheet.merged(row, kCategory1, row + 1, kCategory2, std::string(words[Term::overall_goals]),
               styles.heading);
  sheet.merged(row, kIndicator, row, kRate, std::string(words[Term::goals_expected]),
               styles.heading);
  sheet.merged(row, kScore, row, kLast, std::string(words[Term::goals_achieved]), styles.heading);
  ++row;
  sheet.merged(row, kIndicator, row, kRate, p.goals_planned, styles.long_text.plain,
               Styles::kLongTextSize);
  sheet.merged(row, kScore, row, kLast, p.goals_achieved, styles.long_text.plain,
               Styles::kLongTextSize);
  row += 2;
}

// Returns the row of the indicators' header, which each printed page repeats.
lxw_row_t write_indicators(Sheet& sheet, const ProjectResult& p, Lang lang, Styles& styles,
                           lxw_row_t& row) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  const std::array<std::string_view, kColumnCount> headings = {words[Term::category1],
                                                               words[Term::category2],
                                                               words[Term::indicator],
                                                               form.weight,
                                                               form.target,
                                                               form.actual,
                                                               words[Term::rate],
                                                               words[Term::indicator_score],
                                                               words[Term::reported_rate],
                                                               words[Term::reported_score],
                                                               words[Term::explanation_status],
                                                               words[Term::explanation_text],
                                                               words[Term::notes]};
  const lxw_row_t header = row;
  for (lxw_col_t c = 0; c < kColumnCount; ++c) {
    sheet.text(row, c, std::string(headings[c]), styles.heading);
  }
  ++row;

  const CategorySpans spans = category_spans(p.indicators);
  for (std::size_t r = 0; r < p.indicators.size(); ++r, ++row) {
    const IndicatorResult& i = p.indicators[r];
    const bool flagged = is_flagged(i);
    // The category cells stay unshaded: they span rows that are not flagged.
    if (const auto n = static_cast<lxw_row_t>(spans.category1[r]); n > 0) {
      sheet.merged(row, kCategory1, row + n - 1, kCategory1, i.category1, styles.centred.plain);
    }
    if (const auto n = static_cast<lxw_row_t>(spans.category2[r]); n > 0) {
      sheet.merged(row, kCategory2, row + n - 1, kCategory2, i.category2, styles.centred.plain);
    }
    sheet.text(row, kIndicator, (flagged ? "※ " : "") + i.name, styles.text.pick(flagged));
    sheet.number(row, kWeight, i.weight.to_string(), styles.weight.pick(flagged));
    sheet.text(row, kTarget, i.target, styles.text.pick(flagged));
    sheet.text(row, kActual, i.actual, styles.text.pick(flagged));
    if (shows_figures(i)) {
      sheet.number(row, kRate, i.rate.to_fixed(p.rate_digits + 2),
                   styles.rate(p.rate_digits).pick(flagged));
      sheet.number(row, kScore, i.score_rounded.to_fixed(p.score_digits),
                   styles.score(p.score_digits).pick(flagged));
    } else {
      sheet.text(row, kRate, indicator_rate_cell(p, i), styles.centred.pick(flagged));
      sheet.text(row, kScore, indicator_score_cell(p, i, lang), styles.centred.pick(flagged));
    }
    printed(sheet, row, kReportedRate, i.reported.rate.value_or(""), styles, flagged);
    printed(sheet, row, kReportedScore, i.reported.score.value_or(""), styles, flagged);
    sheet.text(row, kStatus, std::string(explanation_status(i, lang)),
               styles.centred.pick(flagged));
    sheet.text(row, kExplanation, i.explanation, styles.long_text.pick(flagged),
               Styles::kLongTextSize);
    sheet.text(row, kNotes, join_notes(audit_notes(p, i, lang), lang),
               styles.long_text.pick(flagged), Styles::kLongTextSize);
  }

  const bool flagged = p.total_difference.has_value();
  sheet.merged(row, kCategory1, row, kIndicator, std::string(words[Term::total]), styles.heading);
  sheet.number(row, kWeight, p.full_marks.to_string(), styles.weight.pick(flagged));
  sheet.merged(row, kTarget, row, kRate,
               p.band ? labelled(words[Term::band], *p.band, lang) : std::string(),
               styles.centred.pick(flagged));
  if (p.total) {
    sheet.number(row, kScore, p.total->to_fixed(p.score_digits),
                 styles.score(p.score_digits).pick(flagged));
  } else {
    sheet.text(row, kScore, std::string(words[Term::not_scored]), styles.centred.pick(true));
  }
  sheet.blank(row, kReportedRate, styles.text.pick(flagged));
  printed(sheet, row, kReportedScore, p.reported_total.value_or(""), styles, flagged);
  sheet.blank(row, kStatus, styles.text.pick(flagged));
  sheet.blank(row, kExplanation, styles.text.pick(flagged));
  sheet.text(row, kNotes,
             flagged ? join_notes(difference_notes(p, {*p.total_difference}, lang), lang) : "",
             styles.long_text.pick(flagged), Styles::kLongTextSize);
  return header;
}

// The blank lines to sign under the printed table: 填报人, 审核人, 日期.
void write_signatures(Sheet& sheet, Lang lang, Styles& styles, lxw_row_t row) {
  const Words words(lang);
  const std::array<std::pair<Term, lxw_col_t>, 3> places = {
      {{Term::prepared_by, kCategory1}, {Term::reviewed_by, kTarget}, {Term::date, kStatus}}};
  for (const auto& [term, col] : places) {
    sheet.merged(row, col, row, col + 1, labelled(words[term], "", lang), styles.label);
  }
}

// A4 landscape, one page wide (as long as it takes), `header` repeated at
// the top of every page and kept in view on screen, "第 1 页 共 2 页" in
// the footer.
void set_up_printing(lxw_worksheet* sheet, Lang lang, lxw_row_t header) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.6);
  worksheet_center_horizontally(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
  check(worksheet_repeat_rows(sheet, header, header), "the repeated header rows");
  worksheet_freeze_panes(sheet, header + 1, 0);
  const std::string footer =
      "&C" + fmt::format(fmt::runtime(term_text(Term::page_of, lang)), "&P", "&N");
  check(worksheet_set_footer(sheet, footer.c_str()), "the page footer");
}

void write_table_sheet(lxw_workbook* workbook, const ProjectResult& p, Lang lang, Styles& styles,
                       SheetNames& names) {
  const std::string name = names.make(p.project);
  Sheet sheet(workbook_add_worksheet(workbook, name.c_str()), name);
  if (sheet.raw() == nullptr) {
    throw std::runtime_error("cannot add the sheet '" + name + "'");
  }
  lxw_row_t row = 0;
  write_table_heading(sheet, p, lang, styles, row);
  write_funds(sheet, p, lang, styles, row);
  write_goals(sheet, p, lang, styles, row);
  const lxw_row_t header = write_indicators(sheet, p, lang, styles, row);
  write_signatures(sheet, lang, styles, row + 2);
  set_up_printing(sheet.raw(), lang, header);
  // Narrow enough that a page is printed at nearly full size: long text
  // wraps, and its rows grow to show it.
  sheet.fit_columns(6, {8, 10, 24, 11, 12, 12, 9, 8, 9, 8, 7, 28, 20});
}

void write_summary_sheet(lxw_workbook* workbook, const RunResults& results, Lang lang,
                         Styles& styles, SheetNames& names) {
  const Words words(lang);
  const std::string name = names.make(words[Term::summary]);
  Sheet sheet(workbook_add_worksheet(workbook, name.c_str()), name);
  if (sheet.raw() == nullptr) {
    throw std::runtime_error("cannot add the sheet '" + name + "'");
  }
  const std::array<std::string_view, 10> headings = {
      words[Term::index],       words[Term::name],
      words[Term::kind],        words[Term::file],
      words[Term::policy],      words[Term::total],
      words[Term::full_marks],  words[Term::band],
      words[Term::differences], words[Term::explanations_missing]};
  sheet.merged(0, 0, 0, static_cast<lxw_col_t>(headings.size() - 1),
               std::string(words[Term::summary]), styles.title);
  lxw_row_t row = 2;
  set_up_printing(sheet.raw(), lang, row);
  for (lxw_col_t c = 0; c < headings.size(); ++c) {
    sheet.text(row, c, std::string(headings[c]), styles.heading);
  }
  ++row;
  for (std::size_t n = 0; n < results.projects.size(); ++n, ++row) {
    const ProjectResult& p = results.projects[n];
    const bool flagged = p.differences() + p.explanations_missing() > 0 || !p.complete;
    sheet.number(row, 0, std::to_string(n + 1), styles.weight.pick(flagged));
    sheet.text(row, 1, p.project, styles.text.pick(flagged));
    sheet.text(row, 2, std::string(form_words(p, lang).kind), styles.centred.pick(flagged));
    sheet.text(row, 3, p.file, styles.text.pick(flagged));
    sheet.text(row, 4, p.policy, styles.text.pick(flagged));
    if (p.total) {
      sheet.number(row, 5, p.total->to_fixed(p.score_digits),
                   styles.score(p.score_digits).pick(flagged));
    } else {
      sheet.text(row, 5, std::string(words[Term::not_scored]), styles.centred.pick(true));
    }
    sheet.number(row, 6, p.full_marks.to_string(), styles.weight.pick(flagged));
    sheet.text(row, 7, p.band.value_or(""), styles.centred.pick(flagged));
    sheet.number(row, 8, std::to_string(p.differences()), styles.weight.pick(flagged));
    sheet.number(row, 9, std::to_string(p.explanations_missing()), styles.weight.pick(flagged));
  }

  row += 1;
  sheet.text(row, 1, std::string(words[Term::band]), styles.heading);
  sheet.text(row, 2, std::string(words[Term::count]), styles.heading);
  ++row;
  for (const auto& b : band_counts(results)) {
    sheet.text(row, 1, b.band, styles.centred.plain);
    sheet.number(row, 2, std::to_string(b.count), styles.weight.plain);
    ++row;
  }
  sheet.fit_columns(6, {6, 50, 10, 48, 20, 10, 8, 8, 8, 10});
}

}  // namespace

void write_xlsx(const std::filesystem::path& file, const RunResults& results,
                const FormatOptions& options) {
  write_workbook(file, [&](lxw_workbook* workbook) {
    Styles styles(workbook);
    SheetNames names(workbook);
    write_summary_sheet(workbook, results, options.lang, styles, names);
    for (const auto& p : results.projects) {
      write_table_sheet(workbook, p, options.lang, styles, names);
    }
  });
}

}  // namespace perfeval
