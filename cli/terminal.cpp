// What the commands learn from where they run: the locale's language,
// whether standard output is a terminal, and a progress line on one.

#include "terminal.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string_view>

#include "perfeval/runtime/words.hpp"

namespace perfeval::cli {
namespace {

// Chinese when the user's locale is Chinese, English otherwise.
Lang lang_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    if (const char* value = std::getenv(name); value && *value) {
      return std::string_view(value).starts_with("zh") ? Lang::zh : Lang::en;
    }
  }
  return Lang::en;
}

bool use_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && !(no_color && *no_color);
}

}  // namespace

Lang chosen_lang(const std::string& lang_name) {
  return lang_name.empty() ? lang_from_environment() : lang_name == "zh" ? Lang::zh : Lang::en;
}

Terminal terminal_for(Lang lang) {
  Terminal terminal;
  terminal.text.lang = lang;
  terminal.text.color = use_color();
  // Long batches show how far they are, on a terminal only.
  constexpr std::size_t kProgressFrom = 50;
  if (isatty(STDERR_FILENO) != 0) {
    terminal.progress = [lang](std::size_t done, std::optional<std::size_t> total) {
      if (total && *total < kProgressFrom) {
        return;
      }
      // The cursor goes back to the start of the line, so that a message
      // written next takes the line over.
      std::cerr << "\r\x1b[K"
                << fmt::format(fmt::runtime(term_text(Term::scoring_progress, lang)), done);
      if (total) {
        std::cerr << "/" << *total;
      }
      std::cerr << "\r" << std::flush;
    };
  }
  return terminal;
}

void Terminal::clear_progress() const {
  std::cerr << "\r\x1b[K" << std::flush;
}

}  // namespace perfeval::cli
