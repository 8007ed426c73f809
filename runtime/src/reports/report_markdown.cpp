// The Markdown report: each table as a GitHub-flavoured Markdown table with
// its funds line, total and audit notes, then a summary table — for pasting
// into an issue, a wiki page or a mail that renders Markdown.

#include <fmt/format.h>

#include <cctype>

#include "perfeval/runtime/report_formats.hpp"
#include "report_common.hpp"

namespace perfeval {
namespace {

using namespace report_detail;

// Text safe inside a table cell and in running text: `|` would end the
// cell, `\ * _ [ ] \`` would start formatting, and `<` before a letter,
// `/`, `!` or `?` could open HTML (so a target like "<=240万元" stays
// readable). Line breaks become spaces, since a table row is one line.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    const char next = at + 1 < text.size() ? text[at + 1] : '\0';
    switch (c) {
      case '|':
      case '\\':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
        out += '\\';
        out += c;
        break;
      case '<':
        out += std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' ||
                       next == '?'
                   ? "&lt;"
                   : "<";
        break;
      case '\r':
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One table row; the cells are escaped here.
void write_row(std::ostream& out, const std::vector<std::string>& cells) {
  out << "|";
  for (const auto& c : cells) {
    out << " " << escape(c) << " |";
  }
  out << "\n";
}

// The header row and the delimiter row; `right` marks columns of figures.
void write_header(std::ostream& out, const std::vector<std::string>& cells,
                  const std::vector<bool>& right) {
  write_row(out, cells);
  out << "|";
  for (std::size_t c = 0; c < cells.size(); ++c) {
    out << (c < right.size() && right[c] ? " ---: |" : " --- |");
  }
  out << "\n";
}

void write_funds(std::ostream& out, const ProjectResult& p, Lang lang,
                 std::vector<std::string>& notes) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  const FundsResult& f = p.funds;
  std::string label(form.funds_row);
  if (!f.differences.empty()) {
    notes.push_back(
        labelled(label, join_notes(difference_notes(p, f.differences, lang, true), lang), lang));
    label = fmt::format("※{} {}", notes.size(), label);
  }
  write_header(
      out,
      {std::string(form.funds), std::string(words[Term::planned]), std::string(words[Term::budget]),
       std::string(words[Term::executed]), std::string(form.funds_weight),
       std::string(words[Term::execution_rate]), std::string(words[Term::score])},
      {false, true, true, true, true, true, true});
  write_row(out, {label, amount_text(f.planned), amount_text(f.budget), amount_text(f.executed),
                  f.weight.to_string(), f.scored ? rate_text(p, f.rate) : "—",
                  f.scored ? score_text(p, f.score) : "—"});
  out << "\n";
}

void write_indicators(std::ostream& out, const ProjectResult& p, Lang lang,
                      std::vector<std::string>& notes) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  const bool reported = has_reported_figures(p);
  std::vector<std::string> header = {std::string(words[Term::category1]),
                                     std::string(words[Term::category2]),
                                     std::string(words[Term::indicator]),
                                     std::string(form.weight),
                                     std::string(form.target),
                                     std::string(form.actual),
                                     std::string(words[Term::rate]),
                                     std::string(words[Term::indicator_score])};
  std::vector<bool> right = {false, false, false, true, false, false, true, true};
  if (reported) {
    header.insert(header.end(), {std::string(words[Term::reported_rate]),
                                 std::string(words[Term::reported_score])});
    right.insert(right.end(), {true, true});
  }
  header.emplace_back(words[Term::explanation_status]);
  write_header(out, header, right);

  // Markdown cannot merge cells: a category is written on the first row of
  // its group only, as in the printed table.
  const CategorySpans spans = category_spans(p.indicators);
  for (std::size_t r = 0; r < p.indicators.size(); ++r) {
    const IndicatorResult& i = p.indicators[r];
    std::string name = i.name;
    if (is_flagged(i)) {
      notes.push_back(labelled(i.name, join_notes(audit_notes(p, i, lang), lang), lang));
      name = fmt::format("※{} {}", notes.size(), name);
    }
    std::vector<std::string> row = {spans.category1[r] > 0 ? i.category1 : "",
                                    spans.category2[r] > 0 ? i.category2 : "",
                                    name,
                                    i.weight.to_string(),
                                    i.target,
                                    i.actual,
                                    indicator_rate_cell(p, i),
                                    indicator_score_cell(p, i, lang)};
    if (reported) {
      row.insert(row.end(), {i.reported.rate.value_or(""), i.reported.score.value_or("")});
    }
    row.emplace_back(explanation_status(i, lang));
    write_row(out, row);
  }
  out << "\n";
}

void write_project(std::ostream& out, const ProjectResult& p, std::size_t index, Lang lang) {
  const Words words(lang);
  const FormWords form = form_words(p, lang);
  out << fmt::format("## {}. {}\n\n", index, escape(p.project));
  out << escape(fmt::format("{}{}", form.title, year_line(p, lang)));
  if (!p.department.empty() || !p.implementer.empty()) {
    out << escape(fmt::format(" · {} · {}", labelled(words[Term::department], p.department, lang),
                              labelled(words[Term::implementer], p.implementer, lang)));
  }
  out << escape(fmt::format(" · {} · {}", labelled(words[Term::file], p.file, lang),
                            labelled(words[Term::policy], p.policy, lang)))
      << "\n\n";

  std::vector<std::string> notes;
  write_funds(out, p, lang, notes);
  write_indicators(out, p, lang, notes);

  out << "**"
      << escape(
             labelled(words[Term::total], total_text(p) + " / " + p.full_marks.to_string(), lang))
      << "**";
  if (p.band) {
    out << "　" << escape(labelled(words[Term::band], *p.band, lang));
  }
  if (p.total_difference) {
    notes.push_back(join_notes(difference_notes(p, {*p.total_difference}, lang), lang));
    out << fmt::format("　※{}", notes.size());
  }
  out << "\n\n";
  for (std::size_t n = 0; n < notes.size(); ++n) {
    out << fmt::format("- ※{} {}\n", n + 1, escape(notes[n]));
  }
  if (!notes.empty()) {
    out << "\n";
  }
}

void write_summary(std::ostream& out, const RunResults& results, Lang lang) {
  const Words words(lang);
  out << "## " << escape(words[Term::summary]) << "\n\n";
  write_header(out,
               {std::string(words[Term::index]), std::string(words[Term::name]),
                std::string(words[Term::kind]), std::string(words[Term::total]),
                std::string(words[Term::band]), std::string(words[Term::differences]),
                std::string(words[Term::explanations_missing])},
               {true, false, false, true, false, true, true});
  for (std::size_t n = 0; n < results.projects.size(); ++n) {
    const ProjectResult& p = results.projects[n];
    write_row(out, {std::to_string(n + 1), p.project, std::string(form_words(p, lang).kind),
                    total_text(p),
                    p.band.value_or(p.complete ? "" : std::string(words[Term::not_scored])),
                    std::to_string(p.differences()), std::to_string(p.explanations_missing())});
  }
  out << "\n";
  out << escape(run_counts(results, lang));
  for (const auto& b : band_counts(results)) {
    out << escape(fmt::format("　{} {}", b.band, b.count));
  }
  out << "\n";
}

}  // namespace

void write_markdown(std::ostream& out, const RunResults& results, const FormatOptions& options) {
  out << "# " << term_text(Term::report_title, options.lang) << "\n\n";
  for (std::size_t n = 0; n < results.projects.size(); ++n) {
    write_project(out, results.projects[n], n + 1, options.lang);
  }
  write_summary(out, results, options.lang);
}

}  // namespace perfeval
