#pragma once

// Source text and positions.
//
// AST nodes keep only byte ranges; line and column are computed when a
// message is shown. Columns count code points (so they match what an editor
// shows), and carets are placed by display width (a CJK character is two
// columns wide).

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace perfeval {

using FileId = std::uint32_t;

// A half-open byte range [begin, end) in one file.
struct SourceRange {
  FileId file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct Position {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in code points
};

class Source {
 public:
  // `first_line` is the line of the whole file the text starts on: one line
  // of a JSON Lines file is read on its own but reported where it stands.
  Source(std::string name, std::string text, std::uint32_t first_line = 1)
      : name_(std::move(name)),
        text_(std::make_shared<const std::string>(std::move(text))),
        first_line_(first_line) {}
  const std::string& name() const { return name_; }
  const std::string& text() const { return *text_; }

  Position position(std::uint32_t offset) const;
  // The whole line holding `offset`, without its line end.
  std::string_view line_text(std::uint32_t offset) const;

 private:
  std::string name_;
  // Never changed, and shared by copies: a copy of a SourceManager (one per
  // request of `perfeval serve`, so messages never mix) costs no copy of
  // the rule text, which is 116 MB for 100,000 project declarations.
  std::shared_ptr<const std::string> text_;
  std::uint32_t first_line_ = 1;
};

// Owns every loaded file for the life of a run, so ranges stay valid.
class SourceManager {
 public:
  FileId add(std::string name, std::string text, std::uint32_t first_line = 1);
  const Source& get(FileId id) const { return files_.at(id); }
  std::size_t size() const { return files_.size(); }

 private:
  std::deque<Source> files_;  // deque: adding never moves existing sources
};

// Display width of UTF-8 text in terminal columns (CJK = 2), via utf8proc.
// Invalid bytes count as one column each.
std::size_t display_width(std::string_view text);

}  // namespace perfeval
