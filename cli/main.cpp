// perfeval: score performance self-evaluation tables by rule files.
//
// A thin shell over the library: read the command line, run, print.

#include <CLI/CLI.hpp>

#include "command_line.hpp"

int main(int argc, char** argv) {
  using namespace perfeval::cli;
  CLI::App app{
      "perfeval scores 项目支出绩效自评表 and 单位整体支出绩效自评表 by rule files.\n"
      "RULES is a .perf file or a folder of them; DATA are .json files, .jsonl files (one\n"
      "table per line), .xlsx workbooks (one table per sheet), folders of them, or - for\n"
      "JSON Lines on standard input.",
      "perfeval"};
  const CommandLine command_line(app);
  try {
    app.parse(argc, argv);
    command_line.check_parsed();
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  }
  return command_line.run();
}
