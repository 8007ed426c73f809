#pragma once

// CLI11's help layout, with columns measured by display width: a Chinese
// option name or value is two columns a character, not three bytes.

#include <CLI/CLI.hpp>
#include <string>

namespace perfeval::cli {

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* option, bool is_positional) const override;
};

}  // namespace perfeval::cli
