#include <fmt/format.h>

#include <array>
#include <map>

#include "perfeval/runtime/internal/text_layout.hpp"
#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/words.hpp"
#include "perfeval/values/utf8.hpp"

namespace perfeval {
namespace {

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string bold(std::string_view s) const { return wrap("1", s); }
  std::string red(std::string_view s) const { return wrap("31", s); }
  std::string yellow(std::string_view s) const { return wrap("33", s); }
  std::string green(std::string_view s) const { return wrap("32", s); }

 private:
  std::string wrap(std::string_view code, std::string_view s) const {
    return on_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  }
  bool on_;
};

std::string score_text(const Rational& r, int digits) {
  return r.to_fixed(digits);
}

std::string difference_note(const std::vector<Difference>& diffs, Words w, int score_digits,
                            int rate_digits) {
  std::string out;
  for (const auto& d : diffs) {
    const bool is_rate = d.field == "rate";
    const std::string computed =
        is_rate ? percent(d.computed, rate_digits) : d.computed.to_fixed(score_digits);
    if (!out.empty()) {
      out += "; ";
    }
    out += fmt::format("{}: {} {}, {} {}", is_rate ? w[Term::rate] : w[Term::score],
                       w[Term::reported], d.reported, w[Term::computed], computed);
  }
  return out;
}

// The funds rate as "executed / denominator = rate": the denominator the
// policy divides by (全年预算数, or 年初预算数 as 年初预算口径 does), found as the
// one that gives the rate; just the rate when neither does.
std::string funds_rate_text(const FundsResult& f, int rate_digits) {
  const std::string rate = percent(f.rate, rate_digits);
  for (const Rational* denominator : {&f.budget, &f.planned}) {
    try {
      if (!denominator->is_zero() && f.executed / *denominator == f.rate) {
        return fmt::format("{} / {} = {}", f.executed.to_fixed(2), denominator->to_fixed(2), rate);
      }
    } catch (const ArithmeticError&) {
      // too large to divide exactly: show the rate alone
    }
  }
  return rate;
}

// A project's table: nine columns, then the audit's note.
constexpr std::size_t kColumns = 10;

// The widths of the table's columns on a terminal `available` columns wide,
// from their `natural` widths and those of their cells below the headings
// (`body`). Narrowed in steps, each taking the widest column first: long
// text to 16 columns and the note to 24; then the note goes on lines of its
// own under its row (`notes_below`), text to 8 columns, and headings wrap
// over figures and flags; last, text to 4 columns (two Chinese characters).
std::vector<std::size_t> fit_table(const std::vector<std::size_t>& natural,
                                   const std::vector<std::size_t>& body, std::size_t available,
                                   bool& notes_below) {
  constexpr std::array<bool, kColumns> kText = {true, true,  true,  false, true,
                                                true, false, false, false, false};
  constexpr std::size_t kGap = 2;
  const auto fits = [&](const std::vector<std::size_t>& widths) {
    std::size_t total = 0;
    for (const std::size_t w : widths) {
      total += kGap + w;
    }
    return total <= available;
  };
  const auto floors = [&](std::size_t text, std::size_t note, bool headings_wrap) {
    std::vector<std::size_t> floor(kColumns);
    for (std::size_t c = 0; c < kColumns; ++c) {
      floor[c] = std::min(natural[c], kText[c]            ? text
                                      : c + 1 == kColumns ? note
                                      : headings_wrap     ? std::max<std::size_t>(body[c], 1)
                                                          : natural[c]);
    }
    return floor;
  };
  notes_below = false;
  std::vector<std::size_t> widths =
      layout::fit_columns(natural, floors(16, 24, false), kGap, available);
  if (fits(widths)) {
    return widths;
  }
  notes_below = true;
  widths = natural;
  widths.pop_back();
  for (const auto& [text, headings_wrap] :
       {std::pair<std::size_t, bool>{16, false}, {8, true}, {4, true}}) {
    auto floor = floors(text, 0, headings_wrap);
    floor.pop_back();
    widths = layout::fit_columns(widths, floor, kGap, available);
    if (fits(widths)) {
      break;
    }
  }
  widths.push_back(0);
  return widths;
}

void write_project(std::ostream& out, const ProjectResult& p, const TextOptions& options,
                   const Painter& paint) {
  const Words w(options.lang);
  out << paint.bold(p.project) << "\n";
  out << fmt::format("  {}: {}   {}: {}\n", w[Term::file_in_text], p.file, w[Term::policy_in_text],
                     p.policy);

  // The funds line: the rate (全年执行数 / its denominator) and its score.
  const FundsResult& f = p.funds;
  if (f.scored) {
    std::string line = fmt::format("  {}: {}   {} {} / {}", w[Term::budget_execution],
                                   funds_rate_text(f, p.rate_digits), w[Term::score],
                                   f.score.to_fixed(p.score_digits), f.weight.to_string());
    // 执行率90须说明 and the like: the funds need an explanation of their own.
    if (f.explanation_required) {
      const std::string note =
          fmt::format("{}: {}", w[Term::explanation],
                      f.explanation_present ? w[Term::given] : w[Term::missing_flag]);
      line += "   " + (f.explanation_present ? note : paint.yellow(note));
    } else if (f.explanation_present) {
      line += fmt::format("   {}: {}", w[Term::explanation], w[Term::unneeded]);
    }
    if (!f.differences.empty()) {
      line +=
          "   " + paint.yellow(difference_note(f.differences, w, p.score_digits, p.rate_digits));
    }
    out << line << "\n";
  } else {
    out << fmt::format("  {}: {}\n", w[Term::budget_execution],
                       paint.red(std::string(w[Term::not_scored])));
  }

  // Column widths by display width, so Chinese text lines up.
  struct Row {
    std::array<std::string, 9> cells;
    std::string note;
    bool flagged = false;
  };
  std::vector<Row> rows;
  rows.push_back(
      {{std::string(w[Term::category1]), std::string(w[Term::category2]),
        std::string(w[Term::indicator]), std::string(w[Term::weight]), std::string(w[Term::target]),
        std::string(w[Term::actual]), std::string(w[Term::rate]), std::string(w[Term::score]),
        std::string(w[Term::explanation])},
       std::string(w[Term::audit]),
       false});
  std::string last1, last2;
  for (const auto& i : p.indicators) {
    Row row;
    // Categories print once per group, as the merged cells of the printed table.
    row.cells[0] = i.category1 == last1 ? "" : i.category1;
    row.cells[1] = (i.category1 == last1 && i.category2 == last2) ? "" : i.category2;
    last1 = i.category1;
    last2 = i.category2;
    // On a terminal long cells wrap (write_rows); elsewhere they are cut.
    const bool wraps = options.width > 0;
    row.cells[2] = wraps ? i.name : truncate(i.name, options.max_name_width);
    row.cells[3] = i.weight.to_string();
    row.cells[4] = i.target;
    row.cells[5] = wraps ? i.actual : truncate(i.actual, 24);
    if (i.scored && !i.applicable) {
      row.cells[6] = "—";
      row.cells[7] = std::string(w[Term::not_applicable]);
    } else if (i.scored) {
      row.cells[6] = percent(i.rate, p.rate_digits);
      row.cells[7] = score_text(i.score_rounded, p.score_digits);
      if (i.explanation_required) {
        row.cells[8] = std::string(i.explanation_present ? w[Term::given] : w[Term::missing_flag]);
        row.flagged |= !i.explanation_present;
      } else if (i.explanation_present) {
        row.cells[8] = std::string(w[Term::unneeded]);
      }
      row.note = difference_note(i.differences, w, p.score_digits, p.rate_digits);
      row.flagged |= !i.differences.empty();
    } else {
      row.cells[6] = "—";
      row.cells[7] = "—";
      row.note = std::string(w[Term::not_scored]);
      row.flagged = true;
    }
    rows.push_back(std::move(row));
  }
  // Nine columns and the audit's note after them, each as wide as its
  // widest cell; on a terminal narrower than that see fit_table.
  constexpr std::array<bool, kColumns> kRight = {false, false, false, true,  false,
                                                 false, true,  true,  false, false};
  const auto cell = [&](const Row& row, std::size_t c) -> const std::string& {
    return c + 1 < kColumns ? row.cells[c] : row.note;
  };
  std::vector<std::size_t> width(kColumns), body(kColumns);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < kColumns; ++c) {
      width[c] = std::max(width[c], display_width(cell(rows[r], c)));
      body[c] = r == 0 ? 0 : std::max(body[c], display_width(cell(rows[r], c)));
    }
  }
  bool notes_below = false;
  if (options.width > 0) {
    width = fit_table(width, body, options.width, notes_below);
  }
  const std::size_t columns = notes_below ? kColumns - 1 : kColumns;
  constexpr std::size_t kNoteIndent = 6;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::array<std::vector<std::string>, kColumns> lines;
    std::size_t height = 1;
    for (std::size_t c = 0; c < columns; ++c) {
      lines[c] = options.width > 0 ? layout::wrap(cell(rows[r], c), width[c])
                                   : std::vector<std::string>{cell(rows[r], c)};
      height = std::max(height, lines[c].size());
    }
    std::vector<std::string> out_lines;
    for (std::size_t k = 0; k < height; ++k) {
      std::string line;
      for (std::size_t c = 0; c < columns; ++c) {
        const std::string_view text = k < lines[c].size() ? lines[c][k] : std::string_view();
        if (c + 1 < kColumns) {
          line += "  " + fit(text, width[c], kRight[c]);
        } else if (!text.empty()) {
          line += "  ";
          line += text;
        }
      }
      out_lines.push_back(std::move(line));
    }
    if (notes_below && r > 0 && !rows[r].note.empty()) {
      const std::size_t room = options.width > kNoteIndent + 10 ? options.width - kNoteIndent : 10;
      for (const auto& text : layout::wrap(rows[r].note, room)) {
        out_lines.push_back(std::string(kNoteIndent, ' ') + text);
      }
    }
    for (auto& line : out_lines) {
      while (!line.empty() && line.back() == ' ') {
        line.pop_back();
      }
      if (r == 0) {
        line = paint.bold(line);
      } else if (rows[r].flagged) {
        line = paint.yellow(line);
      }
      out << line << "\n";
    }
  }

  std::string total_line;
  if (p.total) {
    total_line =
        fmt::format("  {}: {} / {}", w[Term::total], paint.bold(p.total->to_fixed(p.score_digits)),
                    p.full_marks.to_string());
    if (p.band) {
      total_line += fmt::format("   {}: {}", w[Term::band], *p.band);
    }
    if (p.total_difference) {
      total_line += "   " + paint.yellow(fmt::format(
                                "{} {}, {} {}", w[Term::reported], p.total_difference->reported,
                                w[Term::computed], p.total->to_fixed(p.score_digits)));
    }
  } else {
    total_line =
        fmt::format("  {}: {}", w[Term::total], paint.red(std::string(w[Term::not_scored])));
  }
  out << total_line << "\n\n";
}

// `text`, `text_width` columns wide, padded with spaces to `width` columns,
// on the left when align_right; text as wide or wider is appended as it is.
void append_padded(std::string& out, std::string_view text, std::size_t text_width,
                   std::size_t width, bool align_right = false) {
  const std::size_t pad = text_width < width ? width - text_width : 0;
  if (align_right) {
    out.append(pad, ' ');
  }
  out += text;
  if (!align_right) {
    out.append(pad, ' ');
  }
}

// The same, measuring `text` (CJK = 2 columns).
void append_fitted(std::string& out, std::string_view text, std::size_t width,
                   bool align_right = false) {
  append_padded(out, text, display_width(text), width, align_right);
}

// A project's name in a column `width` wide, cut with "…" beyond max_width:
// one measure of the name when it fits, as nearly every name does.
void append_name(std::string& out, std::string_view name, std::size_t max_width,
                 std::size_t width) {
  if (const std::size_t w = display_width(name); w <= max_width) {
    append_padded(out, name, w, width);
  } else {
    append_fitted(out, truncate(name, max_width), width);
  }
}

// What follows the name on a summary line (of `out` from `start`).
void append_summary_figures(std::string& out, std::size_t start, const ProjectResult& p,
                            const TextOptions& options);

}  // namespace

std::size_t text_summary_name_width(const TextOptions& options) {
  // On a terminal no more than leaves room for the total and the band.
  constexpr std::size_t kFigures = 17;  // the indent, the total and the band
  if (options.width == 0) {
    return options.max_name_width;
  }
  return std::min(
      options.max_name_width,
      std::max<std::size_t>(12, options.width > kFigures ? options.width - kFigures : 0));
}

std::string text_summary_heading(const TextOptions& options) {
  return Painter(options.color).bold(std::string(term_text(Term::summary, options.lang)));
}

std::string text_summary_line(const ProjectResult& project, const TextOptions& options) {
  std::string line;
  append_text_summary_line(line, project, options);
  return line;
}

void append_text_summary_line(std::string& out, const ProjectResult& project,
                              const TextOptions& options) {
  // A stream cannot measure every name first: names take the widest width.
  append_text_summary_line(out, project, options, text_summary_name_width(options));
}

void append_text_summary_line(std::string& out, const ProjectResult& p, const TextOptions& options,
                              std::size_t name_width) {
  const std::size_t start = out.size();
  out += "  ";
  append_name(out, p.project, text_summary_name_width(options), name_width);
  append_summary_figures(out, start, p, options);
}

namespace {

void append_summary_figures(std::string& out, std::size_t start, const ProjectResult& p,
                            const TextOptions& options) {
  const Words w(options.lang);
  out += "  ";
  Rational::FixedText total;
  append_fitted(out, p.total ? p.total->format_fixed(total, p.score_digits) : "—", 7, true);
  out += "  ";
  append_fitted(out, p.band ? std::string_view(*p.band) : std::string_view(), 4);
  if (const std::size_t d = p.differences()) {
    fmt::format_to(std::back_inserter(out), "  {} {}", w[Term::differ], d);
  }
  if (const std::size_t m = p.explanations_missing()) {
    fmt::format_to(std::back_inserter(out), "  {} {}", w[Term::explanations_missing_short], m);
  }
  if (const std::size_t u = p.explanations_unneeded()) {
    fmt::format_to(std::back_inserter(out), "  {} {}", w[Term::explanations_unneeded_short], u);
  }
  if (!p.complete) {
    out += "  ";
    out += Painter(options.color).red(w[Term::not_scored]);
  }
  while (out.size() > start && out.back() == ' ') {
    out.pop_back();
  }
}

}  // namespace

std::string text_failed_line(std::string_view label, const TextOptions& options) {
  const Painter paint(options.color);
  const std::size_t limit = text_summary_name_width(options);
  return fmt::format("  {}  {}  {}", fit(truncate(label, limit), limit), fit("—", 7, true),
                     paint.red(std::string(term_text(Term::not_scored, options.lang))));
}

std::string text_totals_line(std::size_t tables, std::size_t complete,
                             const std::map<std::string, std::size_t>& bands,
                             const TextOptions& options) {
  const Words w(options.lang);
  std::string band_counts;
  for (const auto& [band, count] : bands) {
    band_counts += fmt::format(" {} {}", band, count);
  }
  return fmt::format("  {} {}, {} {}, {} {}{}", w[Term::projects], tables, w[Term::scored],
                     complete, w[Term::failed], tables - complete,
                     band_counts.empty() ? "" : " —" + band_counts);
}

std::string percent(const Rational& rate, int digits) {
  std::string text;
  rate.append_fixed(text, digits, 2);
  text += '%';
  return text;
}

std::string truncate(std::string_view text, std::size_t max_width) {
  if (display_width(text) <= max_width) {
    return std::string(text);
  }
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8::step(text, i);
    const std::string_view ch = text.substr(i, len);
    const std::size_t cw = display_width(ch);
    if (used + cw + 1 > max_width) {
      break;
    }
    out += ch;
    used += cw;
    i += len;
  }
  return out + "…";
}

std::string fit(std::string_view text, std::size_t width, bool align_right) {
  std::string out;
  append_fitted(out, text, width, align_right);
  return out;
}

void write_text(std::ostream& out, const RunResults& results, const TextOptions& options) {
  const Painter paint(options.color);
  for (const auto& p : results.projects) {
    write_project(out, p, options, paint);
  }
  const Words w(options.lang);
  // The summary as a stream writes it, but with every name measured first.
  out << text_summary_heading(options) << "\n";
  // Names cut to fit a terminal too, and never two different names alike.
  const std::size_t longest = text_summary_name_width(options);
  std::vector<std::string> names;
  names.reserve(results.projects.size());
  for (const auto& p : results.projects) {
    names.push_back(p.project);
  }
  names = layout::distinct_short_names(names, longest);
  std::size_t name_width = display_width(w[Term::indicator]);
  for (const auto& name : names) {
    name_width = std::max(name_width, display_width(name));
  }
  std::map<std::string, std::size_t> bands;
  std::string line;
  for (std::size_t k = 0; k < results.projects.size(); ++k) {
    const ProjectResult& p = results.projects[k];
    if (p.band) {
      ++bands[*p.band];
    }
    line.assign("  ");
    append_fitted(line, names[k], name_width);
    append_summary_figures(line, 0, p, options);
    out << line << "\n";
  }
  const std::size_t complete =
      static_cast<std::size_t>(std::count_if(results.projects.begin(), results.projects.end(),
                                             [](const ProjectResult& p) { return p.complete; }));
  out << text_totals_line(results.data_files, complete, bands, options) << "\n";
}

void write_check_summary(std::ostream& out, const RunResults& results, const TextOptions& options) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const auto& d : results.diagnostics) {
    (d.severity == Severity::error ? errors : warnings) += 1;
  }
  out << fmt::format(fmt::runtime(term_text(Term::check_summary, options.lang)), results.rule_files,
                     results.data_files, errors, warnings)
      << "\n";
}

}  // namespace perfeval
