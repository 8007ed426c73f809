#include "perfeval/lang/source.hpp"

#include <utf8proc.h>

#include <algorithm>

namespace perfeval {

namespace {

// Length in bytes of the code point at the start of `text`, or 0 when the
// bytes there are not valid UTF-8 (they then count as one character each).
std::size_t code_point_size(std::string_view text, utf8proc_int32_t* cp = nullptr) {
  utf8proc_int32_t value = 0;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                       static_cast<utf8proc_ssize_t>(text.size()), &value);
  if (n <= 0)
    return 0;
  if (cp != nullptr)
    *cp = value;
  return static_cast<std::size_t>(n);
}

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
  const std::string_view text = text_;
  const std::size_t end = std::min<std::size_t>(offset, text.size());
  Position pos;
  // Only '\n' ends a line: in a CRLF file the '\r' is the last character of
  // the line, so CRLF counts once.
  pos.line =
      static_cast<std::uint32_t>(first_line_ + std::count(text.begin(), text.begin() + end, '\n'));
  for (std::size_t i = line_start(text, end); i < end;) {
    const std::size_t n = code_point_size(text.substr(i, end - i));
    i += n == 0 ? 1 : n;
    ++pos.column;
  }
  return pos;
}

std::string_view Source::line_text(std::uint32_t offset) const {
  const std::string_view text = text_;
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

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    // Printable ASCII and the CJK Unified Ideographs, nearly every character
    // of a project's name, are measured here without utf8proc's tables: the
    // summary of a stream measures every table's name. The widths are
    // utf8proc's (a test checks each), 1 and 2.
    const auto lead = static_cast<unsigned char>(utf8[i]);
    if (lead >= 0x20 && lead < 0x7F) {
      ++width;
      ++i;
      continue;
    }
    if (lead >= 0xE4 && lead <= 0xE9 && utf8.size() - i >= 3) {
      const auto second = static_cast<unsigned char>(utf8[i + 1]);
      const auto third = static_cast<unsigned char>(utf8[i + 2]);
      const char32_t value = (char32_t{lead} & 0x0Fu) << 12 | (char32_t{second} & 0x3Fu) << 6 |
                             (char32_t{third} & 0x3Fu);
      if ((second & 0xC0) == 0x80 && (third & 0xC0) == 0x80 && value >= kCjkFirst &&
          value <= kCjkLast) {
        width += 2;
        i += 3;
        continue;
      }
    }
    utf8proc_int32_t cp = 0;
    const std::size_t n = code_point_size(utf8.substr(i), &cp);
    if (n == 0) {
      ++width;
      ++i;
      continue;
    }
    // A tab is kept as a tab under the caret, so it counts as one column here.
    width += cp == '\t' ? 1 : static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    i += n;
  }
  return width;
}

}  // namespace perfeval
