// What the commands learn from where they run: the locale's language,
// whether standard output is a terminal and how wide, and a progress line
// on one.

#include "terminal.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

#include "cli_text.hpp"

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

// "1:05" or "2:03:00".
std::string clock_text(std::chrono::seconds left) {
  const auto s = left.count();
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Lang chosen_lang(const std::string& lang_name) {
  return lang_name.empty() ? lang_from_environment() : lang_name == "zh" ? Lang::zh : Lang::en;
}

Lang lang_from_arguments(int argc, const char* const* argv) {
  std::string name;
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") {
      break;
    }
    if (word == "--lang" && i + 1 < argc) {
      name = argv[++i];
    } else if (word.starts_with("--lang=")) {
      name = word.substr(7);
    }
  }
  return chosen_lang(name == "zh" || name == "en" ? name : "");
}

bool use_color(const std::string& when) {
  if (when == "always" || when == "never") {
    return when == "always";
  }
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && !(no_color && *no_color);
}

std::size_t output_width() {
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    const std::string_view text = columns;
    std::size_t width = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), width);
    if (error == std::errc() && end == text.data() + text.size() && width > 0) {
      return width;
    }
  }
  winsize size{};
  if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) {
    return size.ws_col;
  }
  return 0;
}

std::string progress_text(std::size_t done, std::optional<std::size_t> total,
                          std::optional<std::chrono::seconds> left, Lang lang) {
  std::string text = total ? fmt::format(fmt::runtime(say(Say::progress_of, lang)), done, *total)
                           : fmt::format(fmt::runtime(say(Say::progress_done, lang)), done);
  if (total && left) {
    text += fmt::format(fmt::runtime(say(Say::progress_left, lang)), clock_text(*left));
  }
  return text;
}

std::optional<std::chrono::seconds> time_left(std::size_t done, std::size_t total,
                                              std::chrono::steady_clock::duration elapsed) {
  if (done == 0 || done > total || elapsed < std::chrono::seconds(1)) {
    return std::nullopt;
  }
  // Rounded up: "0:00 left" is not shown while work remains.
  const auto per_table = std::chrono::duration<double>(elapsed) / static_cast<double>(done);
  const double left = per_table.count() * static_cast<double>(total - done);
  return std::chrono::seconds(static_cast<long long>(std::ceil(left)));
}

Terminal terminal_for(const TerminalChoice& choice) {
  Terminal terminal;
  terminal.text.lang = choice.lang;
  terminal.text.color = use_color(choice.color);
  terminal.text.width = output_width();
  terminal.text.warnings = !choice.quiet;
  // Long batches show how far they are, on a terminal only.
  constexpr std::size_t kProgressFrom = 50;
  if (!choice.quiet && isatty(STDERR_FILENO) != 0) {
    // When scoring began and when the line was last drawn: it is drawn ten
    // times a second at most, however fast tables are scored.
    struct Clock {
      std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
      std::chrono::steady_clock::time_point drawn{};
    };
    const auto clock = std::make_shared<Clock>();
    terminal.progress = [lang = choice.lang, clock](std::size_t done,
                                                    std::optional<std::size_t> total) {
      if (total && *total < kProgressFrom) {
        return;
      }
      const auto now = std::chrono::steady_clock::now();
      if (now - clock->drawn < std::chrono::milliseconds(100) && (!total || done < *total)) {
        return;
      }
      clock->drawn = now;
      const auto left = total ? time_left(done, *total, now - clock->start) : std::nullopt;
      // The cursor goes back to the start of the line, so that a message
      // written next takes the line over.
      std::cerr << "\r\x1b[K" << progress_text(done, total, left, lang) << "\r" << std::flush;
    };
  }
  return terminal;
}

void Terminal::clear_progress() const {
  std::cerr << "\r\x1b[K" << std::flush;
}

}  // namespace perfeval::cli
