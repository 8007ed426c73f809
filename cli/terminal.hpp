#pragma once

#include <string>

#include "commands.hpp"

namespace perfeval::cli {

// The language asked for with --lang ("zh", "en"), or the locale's.
Lang chosen_lang(const std::string& lang_name);

// Colour and a progress line where standard output and standard error are
// a terminal.
Terminal terminal_for(Lang lang);

}  // namespace perfeval::cli
