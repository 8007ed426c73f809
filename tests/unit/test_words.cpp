// The words table of the reports and commands: every term has text in both languages, the
// Chinese is Chinese and the English is English, patterns take the same
// arguments in both, and no word is spelled twice.

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <utility>

#include "perfeval/runtime/words.hpp"

namespace {

using namespace perfeval;

// Latin letters in Chinese text, other than names that are written so in
// Chinese too: the program, Excel, a command-line option and a file type.
bool has_ascii_letter(std::string_view text) {
  std::string rest(text);
  for (const std::string_view name : {"perfeval", "Excel", "-o", ".xlsx"}) {
    for (auto at = rest.find(name); at != std::string::npos; at = rest.find(name)) {
      rest.erase(at, name.size());
    }
  }
  for (const char c : rest) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return true;
    }
  }
  return false;
}

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return true;
}

std::size_t placeholders(std::string_view text) {
  std::size_t n = 0;
  for (auto at = text.find("{}"); at != std::string_view::npos; at = text.find("{}", at + 2)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("every term has Chinese and English text that differ", "[words]") {
  for (std::size_t i = 0; i < kTermCount; ++i) {
    const auto term = static_cast<Term>(i);
    const std::string_view zh = term_text(term, Lang::zh);
    const std::string_view en = term_text(term, Lang::en);
    INFO("term " << i << ": " << zh << " / " << en);
    CHECK_FALSE(zh.empty());
    CHECK_FALSE(en.empty());
    CHECK(zh != en);
    // No English left in the Chinese, and nothing but ASCII in the English.
    CHECK_FALSE(has_ascii_letter(zh));
    CHECK(is_ascii(en));
    CHECK(placeholders(zh) == placeholders(en));
  }
}

TEST_CASE("no word is spelled twice in the table", "[words]") {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (std::size_t i = 0; i < kTermCount; ++i) {
    const auto term = static_cast<Term>(i);
    const auto texts = std::pair(term_text(term, Lang::zh), term_text(term, Lang::en));
    INFO("term " << i << ": " << texts.first << " / " << texts.second);
    CHECK(seen.insert(texts).second);
  }
}

TEST_CASE("a patterned term formats in both languages", "[words]") {
  CHECK(fmt::format(fmt::runtime(term_text(Term::run_counts, Lang::zh)), 17, 16, 1) ==
        "共 17 张表，已评分 16，失败 1");
  CHECK(fmt::format(fmt::runtime(term_text(Term::run_counts, Lang::en)), 17, 16, 1) ==
        "17 tables, 16 scored, 1 failed");
  CHECK(Words(Lang::zh)[Term::total] == "总分");
  CHECK(Words(Lang::en)[Term::total] == "Total");
}
