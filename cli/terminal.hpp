#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "commands.hpp"

namespace perfeval::cli {

// The language asked for with --lang ("zh", "en"), or the locale's:
// LC_ALL, LC_MESSAGES, LANG, the first one set, zh_* being Chinese.
Lang chosen_lang(const std::string& lang_name);

// --lang as it stands in `argv`, before the command line is parsed (so that
// the help and CLI11's own messages are in that language too); the
// locale's when it is not there or not zh or en.
Lang lang_from_arguments(int argc, const char* const* argv);

// --color: auto colours standard output when it is a terminal and NO_COLOR
// is not set; always and never as they say.
bool use_color(const std::string& when);

// The columns the table may take: COLUMNS when set to a number, else the
// width of the terminal standard output is, else 0 (no limit: a file).
std::size_t output_width();

// The progress line's text: how many are done, of how many when known,
// and the time left once it can be estimated.
std::string progress_text(std::size_t done, std::optional<std::size_t> total,
                          std::optional<std::chrono::seconds> left, Lang lang);

// The time left when `done` of `total` took `elapsed`, at the same pace;
// nothing before anything is done or a second has passed.
std::optional<std::chrono::seconds> time_left(std::size_t done, std::size_t total,
                                              std::chrono::steady_clock::duration elapsed);

// Colour and a progress line where standard output and standard error are
// a terminal; `quiet` has neither the progress line nor warnings.
struct TerminalChoice {
  Lang lang = Lang::en;
  std::string color = "auto";
  bool quiet = false;
};
Terminal terminal_for(const TerminalChoice& choice);

}  // namespace perfeval::cli
