#pragma once

// A thin layer over libxlsxwriter for the Excel report: the one place where
// an exact decimal becomes a double, the workbook's cell formats, a sheet
// that sizes its columns to its text and its rows to their wrapped lines,
// and legal, unique sheet names. Errors from libxlsxwriter become
// std::runtime_error with a plain message.

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "perfeval/lang/source.hpp"
#include "perfeval/values/rational.hpp"
#include "perfeval/values/utf8.hpp"

namespace perfeval::report_detail::xlsx {

// The output boundary: exact decimal text to the double Excel will store.
inline double excel_number(const std::string& decimal) {
  double value = 0;
  const auto [end, error] = std::from_chars(decimal.data(), decimal.data() + decimal.size(), value);
  if (error != std::errc() || end != decimal.data() + decimal.size()) {
    throw std::runtime_error("cannot write the figure '" + decimal + "' as an Excel number");
  }
  return value;
}

// Excel number formats showing `digits` decimals: "0.00", "0.00%".
inline std::string decimals_format(int digits, std::string_view suffix = "") {
  return (digits > 0 ? "0." + std::string(static_cast<std::size_t>(digits), '0') : "0") +
         std::string(suffix);
}

// A figure printed by hand ("3.9", "99.84%", "1,602.88") as Excel stores
// it: its value as decimal text, and how many decimals it was printed
// with. Nullopt when the text is not a number ("—", "达标"); it is then
// written as text.
struct PrintedFigure {
  std::string decimal;  // "0.9984" for "99.84%"
  int digits = 0;       // decimals as printed: 2 for "99.84%"
  bool percent = false;
};
inline std::optional<PrintedFigure> printed_figure(std::string_view text) {
  const bool percent = !text.empty() && text.back() == '%';
  const std::string_view number = percent ? text.substr(0, text.size() - 1) : text;
  const auto value = percent ? Rational::parse_percent(number) : Rational::parse(number);
  if (!value) {
    return std::nullopt;
  }
  const auto point = number.find('.');
  const int digits =
      point == std::string_view::npos ? 0 : static_cast<int>(number.size() - point - 1);
  return PrintedFigure{value->to_string(), digits, percent};
}

inline void check(lxw_error error, std::string_view what) {
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", what, lxw_strerror(error)));
  }
}

// The cell formats of a workbook. Each cell style comes in two shades: plain
// and flagged (a row the audit marks).
class Styles {
 public:
  struct Pair {
    lxw_format* plain;
    lxw_format* flagged;
    lxw_format* pick(bool is_flagged) const { return is_flagged ? flagged : plain; }
  };

  // The printed forms' font; 宋体 is on every Chinese Windows, and
  // LibreOffice falls back to any CJK serif font.
  static constexpr const char* kFont = "宋体";
  static constexpr double kFontSize = 11;
  static constexpr double kLongTextSize = 9;

  explicit Styles(lxw_workbook* workbook) : workbook_(workbook) {
    title = add(false);
    format_set_bold(title);
    format_set_font_size(title, 16);
    format_set_align(title, LXW_ALIGN_CENTER);
    subtitle = add(false);
    format_set_align(subtitle, LXW_ALIGN_CENTER);
    heading = add(true);
    format_set_bold(heading);
    format_set_align(heading, LXW_ALIGN_CENTER);
    format_set_bg_color(heading, 0xF2F2F2);
    text = pair([](lxw_format*) {});
    centred = pair([](lxw_format* f) { format_set_align(f, LXW_ALIGN_CENTER); });
    long_text = pair([](lxw_format* f) {
      format_set_font_size(f, kLongTextSize);
      format_set_align(f, LXW_ALIGN_LEFT);
    });
    label = add(false);
    weight = pair([](lxw_format*) {});
    amount = pair([](lxw_format* f) { format_set_num_format(f, "#,##0.00"); });
  }

  // Score and rate formats depend on the policy's digits; made once each.
  Pair score(int digits) { return numbers(decimals_format(digits)); }
  Pair rate(int digits) { return numbers(decimals_format(digits, "%")); }

  lxw_format* title;
  lxw_format* subtitle;
  lxw_format* heading;
  lxw_format* label;  // the lines to sign under a table
  Pair text, centred, long_text, weight, amount;

 private:
  lxw_format* add(bool boxed) {
    lxw_format* f = workbook_add_format(workbook_);
    format_set_font_name(f, kFont);
    format_set_font_size(f, kFontSize);
    if (boxed) {
      format_set_border(f, LXW_BORDER_THIN);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    }
    return f;
  }
  template <typename Setup>
  Pair pair(Setup setup) {
    Pair p{add(true), add(true)};
    setup(p.plain);
    setup(p.flagged);
    format_set_bg_color(p.flagged, 0xFFE3C2);
    return p;
  }
  Pair numbers(const std::string& format) {
    for (const auto& [f, p] : number_formats_) {
      if (f == format) {
        return p;
      }
    }
    const Pair p = pair([&](lxw_format* f) { format_set_num_format(f, format.c_str()); });
    number_formats_.emplace_back(format, p);
    return p;
  }

  lxw_workbook* workbook_;
  std::vector<std::pair<std::string, Pair>> number_formats_;
};

// One worksheet: writes cells, merges ranges and keeps each column as wide
// as its widest text (by display width: a CJK character is two columns).
class Sheet {
 public:
  Sheet(lxw_worksheet* sheet, std::string name) : sheet_(sheet), name_(std::move(name)) {}

  // `font` is the format's font size, for the row's height.
  void text(lxw_row_t row, lxw_col_t col, const std::string& value, lxw_format* format,
            double font = 11) {
    check(worksheet_write_string(sheet_, row, col, value.c_str(), format), where());
    measure(col, value);
    wrapped(row, col, col, value, font);
  }
  void number(lxw_row_t row, lxw_col_t col, const std::string& decimal, lxw_format* format) {
    check(worksheet_write_number(sheet_, row, col, excel_number(decimal), format), where());
    measure(col, decimal);
  }
  // A merged range of text; a single cell is written as it is, since Excel
  // rejects a merge of one cell. Merged text does not widen the columns.
  void merged(lxw_row_t row, lxw_col_t col, lxw_row_t last_row, lxw_col_t last_col,
              const std::string& value, lxw_format* format, double font = 11) {
    if (row == last_row && col == last_col) {
      text(row, col, value, format, font);
      return;
    }
    check(worksheet_merge_range(sheet_, row, col, last_row, last_col, value.c_str(), format),
          where());
    if (row == last_row) {
      wrapped(row, col, last_col, value, font);
    }
  }
  // Fills a row's empty cells with a format, so borders and shading run on.
  void blank(lxw_row_t row, lxw_col_t col, lxw_format* format) {
    check(worksheet_write_blank(sheet_, row, col, format), where());
  }
  // Sets each column's width, within [minimum, maximum], then each row
  // that holds wrapped text as tall as its lines (Excel does not size rows
  // to wrapped text by itself).
  void fit_columns(double minimum, const std::vector<double>& maximum) {
    std::vector<double> set(widths_.size());
    for (lxw_col_t col = 0; col < widths_.size(); ++col) {
      const double limit = col < maximum.size() ? maximum[col] : 60;
      set[col] = std::clamp(static_cast<double>(widths_[col]) + 2, minimum, limit);
      check(worksheet_set_column(sheet_, col, col, set[col], nullptr), where());
    }
    std::vector<std::pair<lxw_row_t, double>> heights;
    for (const Wrapped& w : wrapped_) {
      double room = -1;  // a column's width holds one character less of text
      for (lxw_col_t col = w.first; col <= w.last; ++col) {
        room += col < set.size() ? set[col] : 8.43;
      }
      // A column unit is the width of a digit at 11 points: a CJK character
      // takes two at 11 points, less in a smaller font.
      double lines = 0;
      for (const std::size_t paragraph : w.paragraphs) {
        const double width = static_cast<double>(paragraph) * w.font / 11;
        lines += std::max(1.0, std::ceil(width / std::max(room, 1.0)));
      }
      const double height = std::ceil(lines * w.font * 1.4 + 3);
      auto it = std::find_if(heights.begin(), heights.end(),
                             [&](const auto& h) { return h.first == w.row; });
      if (it == heights.end()) {
        heights.emplace_back(w.row, height);
      } else {
        it->second = std::max(it->second, height);
      }
    }
    for (const auto& [row, height] : heights) {
      if (height > kDefaultRowHeight) {
        check(worksheet_set_row(sheet_, row, height, nullptr), where());
      }
    }
  }
  lxw_worksheet* raw() const { return sheet_; }

 private:
  static constexpr double kDefaultRowHeight = 19;
  struct Wrapped {
    lxw_row_t row;
    lxw_col_t first, last;
    std::vector<std::size_t> paragraphs;  // display widths of the text's lines
    double font;
  };
  void wrapped(lxw_row_t row, lxw_col_t first, lxw_col_t last, const std::string& value,
               double font) {
    if (value.empty()) {
      return;
    }
    Wrapped w{row, first, last, {}, font};
    for (std::size_t start = 0; start <= value.size();) {
      const std::size_t end = std::min(value.find('\n', start), value.size());
      w.paragraphs.push_back(display_width(std::string_view(value).substr(start, end - start)));
      start = end + 1;
    }
    wrapped_.push_back(std::move(w));
  }
  void measure(lxw_col_t col, const std::string& value) {
    if (widths_.size() <= col) {
      widths_.resize(col + 1U, 0);
    }
    widths_[col] = std::max(widths_[col], display_width(value));
  }
  std::string where() const { return "the sheet '" + name_ + "'"; }

  lxw_worksheet* sheet_;
  std::string name_;
  std::vector<std::size_t> widths_;
  std::vector<Wrapped> wrapped_;
};

// Sheet names: at most 31 characters, none of []:*?/\, not starting or
// ending with an apostrophe, unique regardless of ASCII case.
class SheetNames {
 public:
  explicit SheetNames(lxw_workbook* workbook) : workbook_(workbook) {}

  std::string make(std::string_view wanted) {
    std::string base = clean(wanted);
    if (base.empty()) {
      base = "Sheet";
    }
    std::string name = cut(base, 31);
    for (int n = 2;
         taken(name) || workbook_validate_sheet_name(workbook_, name.c_str()) != LXW_NO_ERROR;
         ++n) {
      const std::string suffix = fmt::format("({})", n);
      name = cut(base, 31 - suffix.size()) + suffix;
      if (n > 9999) {
        throw std::runtime_error("cannot name a sheet for '" + std::string(wanted) + "'");
      }
    }
    used_.push_back(lower(name));
    return name;
  }

 private:
  static std::string clean(std::string_view text) {
    std::string out;
    for (const char c : text) {
      if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos && c != '\n' &&
          c != '\r' && c != '\t') {
        out += c;
      }
    }
    while (!out.empty() && (out.front() == '\'' || out.front() == ' ')) {
      out.erase(out.begin());
    }
    while (!out.empty() && (out.back() == '\'' || out.back() == ' ')) {
      out.pop_back();
    }
    return out;
  }
  // The first `count` code points of UTF-8 text (Excel counts characters).
  static std::string cut(const std::string& text, std::size_t count) {
    std::size_t i = 0;
    for (std::size_t n = 0; i < text.size() && n < count; ++n) i += utf8::step(text, i);
    std::string out = text.substr(0, i);
    while (!out.empty() && out.back() == '\'') {
      out.pop_back();
    }
    return out;
  }
  static std::string lower(std::string text) {
    for (char& c : text) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
    return text;
  }
  bool taken(const std::string& name) const {
    return std::find(used_.begin(), used_.end(), lower(name)) != used_.end();
  }

  lxw_workbook* workbook_;
  std::vector<std::string> used_;
};

// Writes the workbook `file`: `fill(workbook)` adds its formats and sheets,
// then the file is written. When filling or writing fails part way, the
// half-written file is removed and the error is thrown on.
template <typename Fill>
void write_workbook(const std::filesystem::path& file, Fill&& fill) {
  struct Closer {
    std::filesystem::path file;
    void operator()(lxw_workbook* workbook) const {
      workbook_close(workbook);
      std::error_code ignored;
      std::filesystem::remove(file, ignored);
    }
  };
  const std::string path = file.string();
  std::unique_ptr<lxw_workbook, Closer> workbook(workbook_new(path.c_str()), Closer{file});
  if (!workbook) {
    throw std::runtime_error("cannot create the Excel workbook '" + path + "'");
  }
  fill(workbook.get());
  const lxw_error error = workbook_close(workbook.release());
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error(
        fmt::format("cannot write the Excel workbook '{}': {}", path, lxw_strerror(error)));
  }
}

}  // namespace perfeval::report_detail::xlsx
