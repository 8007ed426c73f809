#include "perfeval/lang/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "messages.hpp"
#include "perfeval/values/utf8.hpp"

namespace perfeval {

namespace {

// "{2:month}" shows argument 2, a month's number, by its English name.
std::optional<std::string_view> month_name(std::string_view number) {
  constexpr std::array<std::string_view, 12> kNames{
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  std::size_t month = 0;
  const char* end = number.data() + number.size();
  if (const auto [stop, ec] = std::from_chars(number.data(), end, month);
      ec != std::errc{} || stop != end || month < 1 || month > kNames.size()) {
    return std::nullopt;
  }
  return kNames[month - 1];
}

// "{4:word}" shows argument 4 in the reader's language when it is a code of
// the message table ("value-kind-date"), and as written otherwise ("人").
std::string_view word_of(const std::string& argument, Lang lang) {
  const Message* m = find_message(argument);
  return m == nullptr ? std::string_view(argument) : lang == Lang::zh ? m->zh : m->en;
}

// Replaces {0}, {1}, ... with the arguments; a placeholder without an
// argument is left as written so the gap is visible.
std::string fill(std::string_view text, const std::vector<std::string>& args, Lang lang) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i);
      if (close != std::string_view::npos && close > i + 1) {
        std::string_view digits = text.substr(i + 1, close - i - 1);
        const bool as_month = digits.ends_with(":month");
        if (as_month) {
          digits.remove_suffix(std::string_view(":month").size());
        }
        const bool as_word = digits.ends_with(":word");
        if (as_word) {
          digits.remove_suffix(std::string_view(":word").size());
        }
        if (!digits.empty() && std::all_of(digits.begin(), digits.end(),
                                           [](char c) { return c >= '0' && c <= '9'; })) {
          const std::size_t index = std::stoul(std::string(digits));
          const auto month =
              as_month && index < args.size() ? month_name(args[index]) : std::nullopt;
          if (index < args.size() && (!as_month || month)) {
            out += as_month  ? *month
                   : as_word ? word_of(args[index], lang)
                             : std::string_view(args[index]);
            i = close;
            continue;
          }
        }
      }
    }
    out += text[i];
  }
  return out;
}

// The words of the rendering itself ("error", "first given at"), from the
// message table like every message.
std::string_view words(std::string_view code, Lang lang) {
  const Message* m = find_message(code);
  return m == nullptr ? code : lang == Lang::zh ? m->zh : m->en;
}

// The unknown code and its arguments, so a developer can search for it.
std::string unknown(std::string_view code, const std::vector<std::string>& args) {
  std::string out(code);
  for (std::size_t i = 0; i < args.size(); ++i) out += (i == 0 ? ": " : ", ") + args[i];
  return out;
}

// The caret line under `line`: the text before the column becomes blanks of
// the same display width (tabs stay tabs so they expand alike), then '^' and
// '~' for the rest of the range on this line.
std::string caret_line(std::string_view line, std::size_t column_bytes, std::size_t range_bytes) {
  std::string out;
  const std::string_view before = line.substr(0, column_bytes);
  for (std::size_t i = 0; i < before.size();) {
    if (before[i] == '\t') {
      out += '\t';
      ++i;
      continue;
    }
    const std::size_t n = utf8::step(before, i);
    out.append(display_width(before.substr(i, n)), ' ');
    i += n;
  }
  out += '^';
  const std::string_view range = line.substr(column_bytes, range_bytes);
  const auto code_points =
      std::count_if(range.begin(), range.end(), [](char c) { return !utf8::is_continuation(c); });
  if (code_points > 1) {
    const std::size_t width = display_width(range);
    if (width > 1)
      out.append(width - 1, '~');
  }
  return out;
}

// The line as shown: invalid bytes become U+FFFD (one column wide, like the
// byte it replaces) so the output stays valid UTF-8.
std::string printable(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    const auto point = utf8::decode(line, i);
    if (!point) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out += line.substr(i, point->size);
    i += point->size;
  }
  return out;
}

// A line longer than kLongLineBytes is shown as a window of kShownLineBytes
// around the caret, so a 30,000-character line does not flood the terminal.
constexpr std::size_t kLongLineBytes = 1024;
constexpr std::size_t kShownLineBytes = 240;

}  // namespace

Cause cause_of(const ValueError& e) {
  return {std::string(e.code), e.args};
}

std::string message_text(const Cause& cause, Lang lang) {
  if (const Message* m = find_message(cause.code))
    return fill(lang == Lang::zh ? m->zh : m->en, cause.args, lang);
  return unknown(cause.code, cause.args);
}

std::string message_text(const Diagnostic& d, Lang lang) {
  std::vector<std::string> with_cause;
  if (d.cause) {
    with_cause = d.args;
    with_cause.push_back(message_text(*d.cause, lang));
  }
  const std::vector<std::string>& args = d.cause ? with_cause : d.args;
  if (const Message* m = find_message(d.code))
    return fill(lang == Lang::zh ? m->zh : m->en, args, lang);
  // An unknown code still says something a developer can search for.
  return unknown(d.code, args);
}

std::string location(const SourceRange& range, const SourceManager& sources) {
  const Source& src = sources.get(range.file);
  const Position pos = src.position(range.begin);
  return fmt::format("{}:{}:{}", src.name(), pos.line, pos.column);
}

std::string render(const Diagnostic& d, const SourceManager& sources, Lang lang) {
  const std::string_view severity =
      words(d.severity == Severity::error ? "severity-error" : "severity-warning", lang);
  if (!d.range)
    return fmt::format("{}: {}: {}\n", d.file, severity, message_text(d, lang));
  const Source& src = sources.get(d.range->file);
  std::string out =
      fmt::format("{}: {}: {}\n", location(*d.range, sources), severity, message_text(d, lang));
  const std::string_view line = src.line_text(d.range->begin);
  const std::size_t line_begin = static_cast<std::size_t>(line.data() - src.text().data());
  const std::size_t column_bytes = std::min<std::size_t>(d.range->begin - line_begin, line.size());
  const std::size_t range_end = std::min<std::size_t>(d.range->end, line_begin + line.size());
  const std::size_t range_bytes = range_end > d.range->begin ? range_end - d.range->begin : 0;
  std::string_view shown = line;
  std::size_t shown_column = column_bytes;
  std::size_t shown_range = range_bytes;
  std::string_view before;
  std::string_view after;
  if (line.size() > kLongLineBytes) {
    const std::size_t start = utf8::code_point_start(
        line, column_bytes > kShownLineBytes / 3 ? column_bytes - kShownLineBytes / 3 : 0);
    const std::size_t end = std::max(
        utf8::code_point_start(line, std::min(line.size(), start + kShownLineBytes)), column_bytes);
    shown = line.substr(start, end - start);
    shown_column = column_bytes - start;
    shown_range = std::min(range_bytes, shown.size() - shown_column);
    before = start > 0 ? "..." : "";
    after = end < line.size() ? "..." : "";
  }
  out += "  ";
  out += before;
  out += printable(shown);
  out += after;
  out += "\n  ";
  out.append(before.size(), ' ');
  out += caret_line(shown, shown_column, shown_range);
  out += '\n';
  if (d.related) {
    out += fmt::format("  {} {}\n", words("first-given-at", lang), location(*d.related, sources));
  }
  return out;
}

bool DiagnosticSink::has_errors() const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace perfeval
