// The command line's pieces: the nearest word, the progress line, the
// language, colour and width it takes from where it runs, its own words.

#include <fmt/format.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "cli_text.hpp"
#include "suggest.hpp"
#include "terminal.hpp"

using namespace perfeval;
using namespace perfeval::cli;
using namespace std::chrono_literals;

namespace {

// Sets an environment variable for one scope and puts it back after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) {
      old_ = old;
    }
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("cli: edit distance counts characters, not bytes") {
  CHECK(edit_distance("audit", "audit") == 0);
  CHECK(edit_distance("audt", "audit") == 1);
  CHECK(edit_distance("aduit", "audit") == 1);  // two neighbours swapped
  CHECK(edit_distance("--formt", "--format") == 1);
  CHECK(edit_distance("参加招聘企业数量", "参加招聘的企业数量") == 1);
  CHECK(edit_distance("", "fmt") == 3);
}

TEST_CASE("cli: the nearest known word is suggested only when near") {
  const std::vector<std::string> commands{"score", "audit", "explain", "check", "test", "fmt"};
  CHECK(closest("audt", commands) == "audit");
  CHECK(closest("exlpain", commands) == "explain");
  CHECK(closest("tset", commands) == "test");
  CHECK_FALSE(closest("rules", commands));  // a folder name, not a typo
  CHECK_FALSE(closest("audit", commands));  // the word itself is no suggestion
  CHECK(closest("参加招聘企业数量", {"举办招聘会次数", "参加招聘的企业数量"}) ==
        "参加招聘的企业数量");
}

TEST_CASE("cli: the progress line shows a total and the time left when known") {
  CHECK(progress_text(120, std::nullopt, std::nullopt, Lang::en) == "scoring 120");
  CHECK(progress_text(120, 1000, std::nullopt, Lang::en) == "scoring 120/1000");
  CHECK(progress_text(120, 1000, 65s, Lang::en) == "scoring 120/1000, about 1:05 left");
  CHECK(progress_text(120, 1000, 7380s, Lang::zh) == "评分中 120/1000，约剩 2:03:00");
  // No estimate before anything is done or a second has passed.
  CHECK_FALSE(time_left(0, 100, 5s));
  CHECK_FALSE(time_left(10, 100, 500ms));
  CHECK(time_left(10, 100, 2s) == 18s);
  CHECK(time_left(99, 100, 99s) == 1s);
  CHECK(time_left(3, 10, 1s) == 3s);  // 2.33 seconds, rounded up while work remains
  CHECK(time_left(100, 100, 99s) == 0s);
}

TEST_CASE("cli: the language comes from --lang, else the locale") {
  const ScopedEnv all("LC_ALL", nullptr), messages("LC_MESSAGES", nullptr);
  {
    const ScopedEnv lang("LANG", "zh_CN.UTF-8");
    const char* plain[] = {"perfeval", "rules", "examples"};
    CHECK(lang_from_arguments(3, plain) == Lang::zh);
    const char* english[] = {"perfeval", "--lang", "en", "rules"};
    CHECK(lang_from_arguments(4, english) == Lang::en);
    // An unknown value leaves the locale's (CLI11 then refuses it).
    const char* wrong[] = {"perfeval", "--lang=fr", "rules"};
    CHECK(lang_from_arguments(3, wrong) == Lang::zh);
    // After -- a word is a file name.
    const char* after[] = {"perfeval", "--", "--lang", "en"};
    CHECK(lang_from_arguments(4, after) == Lang::zh);
  }
  {
    const ScopedEnv lang("LANG", "en_US.UTF-8");
    const ScopedEnv zh_messages("LC_MESSAGES", "zh_TW.UTF-8");
    CHECK(chosen_lang("") == Lang::zh);  // LC_MESSAGES before LANG
    const char* chinese[] = {"perfeval", "--lang=zh"};
    CHECK(lang_from_arguments(2, chinese) == Lang::zh);
    CHECK(chosen_lang("en") == Lang::en);
  }
}

TEST_CASE("cli: --color always and never override, auto respects NO_COLOR") {
  CHECK(use_color("always"));
  CHECK_FALSE(use_color("never"));
  const ScopedEnv no_color("NO_COLOR", "1");
  CHECK_FALSE(use_color("auto"));
  CHECK(use_color("always"));
}

TEST_CASE("cli: the table's width is COLUMNS when it is a number") {
  {
    const ScopedEnv columns("COLUMNS", "72");
    CHECK(output_width() == 72);
  }
  {
    const ScopedEnv columns("COLUMNS", "wide");
    // Not a number: the terminal's width, or none when the tests' output
    // is not a terminal.
    CHECK(output_width() != 72);
  }
}

TEST_CASE("cli: every text has the same fields in Chinese and English") {
  for (std::size_t i = 0; i < static_cast<std::size_t>(Say::count_); ++i) {
    const auto what = static_cast<Say>(i);
    INFO("text " << i << ": " << say(what, Lang::en));
    const auto fields = [](std::string_view text) {
      std::size_t n = 0;
      for (auto at = text.find("{}"); at != std::string_view::npos; at = text.find("{}", at + 2)) {
        ++n;
      }
      return n;
    };
    CHECK(fields(say(what, Lang::zh)) == fields(say(what, Lang::en)));
    CHECK_FALSE(say(what, Lang::zh).empty());
    CHECK_FALSE(say(what, Lang::en).empty());
  }
}
