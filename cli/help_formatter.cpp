#include "help_formatter.hpp"

#include "perfeval/lang/source.hpp"

namespace perfeval::cli {

std::string HelpFormatter::make_option(const CLI::Option* option, bool is_positional) const {
  const std::string name =
      "  " + make_option_name(option, is_positional) + make_option_opts(option);
  const std::string description = make_option_desc(option);
  const std::size_t column = get_column_width();
  const std::size_t width = display_width(name);
  std::string out = name;
  if (!description.empty()) {
    // The description starts in its column, on the next line when the name
    // reaches it; its own lines start there too.
    out += width >= column ? "\n" + std::string(column, ' ') : std::string(column - width, ' ');
    for (const char c : description) {
      out += c;
      if (c == '\n') {
        out.append(column, ' ');
      }
    }
  }
  return out + "\n";
}

}  // namespace perfeval::cli
