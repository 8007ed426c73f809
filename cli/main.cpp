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

// Exit statuses, documented in --help and the README.
constexpr int kOk = 0;
constexpr int kFileProblem = 1;
constexpr int kUsage = 2;
constexpr int kAuditFindings = 3;

// Chinese when the user's locale is Chinese, English otherwise.
perfeval::Lang lang_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    if (const char* value = std::getenv(name); value && *value) {
      return std::string_view(value).starts_with("zh") ? perfeval::Lang::zh : perfeval::Lang::en;
    }
  }
  return perfeval::Lang::en;
}

bool use_color() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && !(no_color && *no_color);
}

// The RULES and DATA arguments every command takes.
struct Inputs {
  std::string rules;
  std::vector<std::string> data;

  void add_to(CLI::App& command, bool data_required) {
    command.add_option("RULES", rules, "rule file or folder of rule files (*.perf)")->required();
    command.add_option("DATA", data, "data files or folders of data files (*.json)")
        ->required(data_required);
  }
};

bool any_error(const perfeval::RunResults& results) {
  return std::any_of(results.diagnostics.begin(), results.diagnostics.end(),
                     [](const auto& d) { return d.severity == perfeval::Severity::error; });
}

}  // namespace

enum class Command { score, audit, explain, check };

int main(int argc, char** argv) {
  // The command is the first word that is not an option or an option's
  // value: perfeval [--lang zh] audit RULES DATA...
  Command command = Command::score;
  std::vector<const char*> args(argv, argv + argc);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--lang" || arg == "-f" || arg == "--format" || arg == "-p" || arg == "--project" ||
        arg == "-i" || arg == "--indicator") {
      ++i;  // the option's value
      continue;
    }
    if (arg.starts_with("-")) {
      continue;
    }
    if (arg == "audit" || arg == "explain" || arg == "check") {
      command = arg == "audit"     ? Command::audit
                : arg == "explain" ? Command::explain
                                   : Command::check;
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
    }
    break;
  }

  CLI::App app{
      command == Command::audit
          ? "perfeval audit: list every printed rate, score or total that the rules do not give,\n"
            "with the arithmetic, and every deviation explanation that is missing or not needed."
      : command == Command::explain
          ? "perfeval explain: show the rule and the arithmetic behind every figure."
      : command == Command::check
          ? "perfeval check: load and check rule files (and data files) without scoring;\n"
            "report every problem found, not only the first."
          : "perfeval scores 项目支出绩效自评表 and 单位整体支出绩效自评表 by rule files.\n"
            "RULES is a .perf file or a folder of them; DATA are .json files or folders of them.",
      command == Command::audit     ? "perfeval audit"
      : command == Command::explain ? "perfeval explain"
      : command == Command::check   ? "perfeval check"
                                    : "perfeval"};
  app.set_version_flag("--version", std::string("perfeval ") + PERFEVAL_VERSION);

  std::string format = "text";
  std::string lang_name;
  if (command == Command::score || command == Command::audit) {
    app.add_option("-f,--format", format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
  }
  app.add_option("--lang", lang_name,
                 "language of messages and headings (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
  Inputs inputs;
  inputs.add_to(app, command != Command::check);
  perfeval::ExplainFilter filter;
  if (command == Command::explain) {
    app.add_option("-p,--project", filter.project, "only this project");
    app.add_option("-i,--indicator", filter.indicator, "only this indicator (三级指标)");
  }
  app.footer(
      "Commands:\n"
      "  perfeval RULES DATA...          score every project and print its table\n"
      "  perfeval audit RULES DATA...    list what the printed tables got wrong\n"
      "  perfeval explain RULES DATA...  show the working (-p PROJECT, -i INDICATOR)\n"
      "  perfeval check RULES [DATA...]  check rule and data files without scoring\n"
      "Exit status: 0 everything was read and scored (and, for audit, nothing was found);\n"
      "1 a rule or data file has a problem (the other files are still scored);\n"
      "2 a wrong command line; 3 audit found differences or explanation problems.");

  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }

  const perfeval::Lang lang = lang_name.empty()   ? lang_from_environment()
                              : lang_name == "zh" ? perfeval::Lang::zh
                                                  : perfeval::Lang::en;
  perfeval::RunOptions options;
  options.rules = inputs.rules;
  options.data.assign(inputs.data.begin(), inputs.data.end());
  options.scoring.explain = command == Command::audit || command == Command::explain;
  options.check_only = command == Command::check;
  options.scoring.lang = lang;

  perfeval::SourceManager sources;
  const perfeval::RunResults results = perfeval::run(options, sources);
  for (const auto& d : results.diagnostics) {
    std::cerr << perfeval::render(d, sources, lang) << "\n";
  }

  perfeval::TextOptions text;
  text.lang = lang;
  text.color = use_color();
  switch (command) {
    case Command::audit: {
      if (format == "json") {
        std::cout << perfeval::audit_json(results, sources, lang).dump(2) << "\n";
      } else {
        perfeval::write_audit_text(std::cout, results, sources, text);
      }
      perfeval::AuditCounts all;
      for (const auto& p : results.projects) {
        all += perfeval::count_findings(p);
      }
      return any_error(results) ? kFileProblem : (all.clean() ? kOk : kAuditFindings);
    }
    case Command::explain:
      perfeval::write_explanation(std::cout, results, sources, text, filter);
      break;
    case Command::check:
      perfeval::write_check_summary(std::cout, results, text);
      break;
    case Command::score:
      if (format == "json") {
        std::cout << perfeval::to_json(results, sources, lang).dump(2) << "\n";
      } else {
        perfeval::write_text(std::cout, results, text);
      }
      break;
  }
  return any_error(results) ? kFileProblem : kOk;
}
