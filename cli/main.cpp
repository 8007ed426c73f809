// perfeval: score performance self-evaluation tables by rule files.
//
// A thin shell over the library: read the command line, run, print.

#include <CLI/CLI.hpp>

#include "command_line.hpp"
#include "terminal.hpp"

int main(int argc, char** argv) {
  using namespace perfeval::cli;
  CLI::App app{"", "perfeval"};
  CommandLine command_line(app, lang_from_arguments(argc, argv));
  try {
    command_line.remember(argc, argv);
    app.parse(argc, argv);
    command_line.check_parsed();
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  }
  return command_line.run();
}
