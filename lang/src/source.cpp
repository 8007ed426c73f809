#include "perfeval/lang/source.hpp"

#include <utf8proc.h>

#include <algorithm>

#include "perfeval/values/utf8.hpp"

namespace perfeval {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The CJK Unified Ideographs block, all of it two columns wide.
constexpr char32_t kCjkFirst = 0x4E00;
constexpr char32_t kCjkLast = 0x9FFF;

// Where the line holding `offset` starts. A byte-order mark is not text the
// writer sees, so the first line starts after it.
std::size_t line_start(std::string_view text, std::size_t offset) {
  const std::size_t nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  if (nl != std::string_view::npos && nl < offset)
    return nl + 1;
  return text.starts_with(kByteOrderMark) && offset >= kByteOrderMark.size() ? kByteOrderMark.size()
                                                                             : 0;
}

}  // namespace

Position Source::position(std::uint32_t offset) const {
  const std::string_view text = *text_;
  const std::size_t end = std::min<std::size_t>(offset, text.size());
  Position pos;
  // Only '\n' ends a line: in a CRLF file the '\r' is the last character of
  // the line, so CRLF counts once.
  pos.line =
      static_cast<std::uint32_t>(first_line_ + std::count(text.begin(), text.begin() + end, '\n'));
  // Bytes that are not UTF-8 count as one column each.
  const std::string_view before = text.substr(0, end);
  for (std::size_t i = line_start(text, end); i < end; i += utf8::step(before, i)) ++pos.column;
  return pos;
}

std::string_view Source::line_text(std::uint32_t offset) const {
  const std::string_view text = *text_;
  const std::size_t begin = line_start(text, std::min<std::size_t>(offset, text.size()));
  std::size_t end = text.find('\n', begin);
  if (end == std::string_view::npos)
    end = text.size();
  if (end > begin && text[end - 1] == '\r')
    --end;
  return text.substr(begin, end - begin);
}

FileId SourceManager::add(std::string name, std::string text, std::uint32_t first_line) {
  files_.emplace_back(std::move(name), std::move(text), first_line);
  return static_cast<FileId>(files_.size() - 1);
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII and the CJK Unified Ideographs, nearly every character
    // of a project's name, are measured here without utf8proc's tables: the
    // summary of a stream measures every table's name. The widths are
    // utf8proc's (a test checks each), 1 and 2.
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0x20 && lead < 0x7F) {
      ++width;
      ++i;
      continue;
    }
    const auto point = utf8::decode(text, i);
    if (!point) {
      ++width;  // shown as U+FFFD
      ++i;
      continue;
    }
    i += point->size;
    if (point->value >= kCjkFirst && point->value <= kCjkLast) {
      width += 2;
    } else if (point->value == '\t') {
      ++width;  // a tab is kept as a tab under the caret, so it counts as one column here
    } else {
      width += static_cast<std::size_t>(
          std::max(0, utf8proc_charwidth(static_cast<utf8proc_int32_t>(point->value))));
    }
  }
  return width;
}

}  // namespace perfeval
