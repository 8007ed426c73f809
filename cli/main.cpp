// perfeval: score performance self-evaluation tables by rule files.
//
// A thin shell over the library: read the command line, run, print.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

#include "perfeval/runtime/run.hpp"

namespace {

// Chinese when the user's locale is Chinese, English otherwise.
perfeval::Lang lang_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    if (const char* value = std::getenv(name); value && *value) {
      return std::string_view(value).starts_with("zh") ? perfeval::Lang::zh : perfeval::Lang::en;
    }
  }
  return perfeval::Lang::en;
}

bool use_color(bool to_terminal) {
  const char* no_color = std::getenv("NO_COLOR");
  return to_terminal && !(no_color && *no_color);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "perfeval scores 项目支出绩效自评表 and 单位整体支出绩效自评表 by rule files.\n"
      "RULES is a .perf file or a folder of them; DATA are .json files or folders of them."};
  app.set_version_flag("--version", std::string("perfeval ") + PERFEVAL_VERSION);

  std::string rules;
  std::vector<std::string> data;
  std::string format = "text";
  std::string lang_name;
  app.add_option("RULES", rules, "rule file or folder of rule files (*.perf)")->required();
  app.add_option("DATA", data, "data files or folders of data files (*.json)")->required();
  app.add_option("-f,--format", format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--lang", lang_name,
                 "language of messages and headings (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
  app.footer(
      "Exit status: 0 when every file was read and every project scored; 1 when any rule or data\n"
      "file has a problem (the others are still scored); 2 for a wrong command line.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  const perfeval::Lang lang = lang_name.empty()   ? lang_from_environment()
                              : lang_name == "zh" ? perfeval::Lang::zh
                                                  : perfeval::Lang::en;
  perfeval::RunOptions options;
  options.rules = rules;
  options.data.assign(data.begin(), data.end());

  perfeval::SourceManager sources;
  const perfeval::RunResults results = perfeval::run(options, sources);

  for (const auto& d : results.diagnostics) {
    std::cerr << perfeval::render(d, sources, lang) << "\n";
  }
  if (format == "json") {
    std::cout << perfeval::to_json(results, sources, lang).dump(2) << "\n";
  } else {
    perfeval::TextOptions text;
    text.lang = lang;
    text.color = use_color(isatty(STDOUT_FILENO) != 0);
    perfeval::write_text(std::cout, results, text);
  }

  const bool failed =
      std::any_of(results.diagnostics.begin(), results.diagnostics.end(),
                  [](const auto& d) { return d.severity == perfeval::Severity::error; });
  return failed ? 1 : 0;
}
