// perfeval: score performance self-evaluation tables by rule files.
//
// A thin shell over the library: read the command line, run, print.

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "commands.hpp"
#include "perfeval/runtime/run.hpp"

namespace {

using namespace perfeval::cli;

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
    command
        .add_option("DATA", data,
                    "data files or folders of them (*.json, *.jsonl), or - for standard input")
        ->required(data_required);
  }
};

bool any_error(const perfeval::RunResults& results) {
  return std::any_of(results.diagnostics.begin(), results.diagnostics.end(),
                     [](const auto& d) { return d.severity == perfeval::Severity::error; });
}

}  // namespace

enum class Command { score, audit, explain, check, test, fmt };

int main(int argc, char** argv) {
  // The command is the first word that is not an option or an option's
  // value: perfeval [--lang zh] audit RULES DATA...
  Command command = Command::score;
  std::vector<const char*> args(argv, argv + argc);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--lang" || arg == "-f" || arg == "--format" || arg == "-p" || arg == "--project" ||
        arg == "-i" || arg == "--indicator" || arg == "-o" || arg == "--output" || arg == "-j" ||
        arg == "--jobs") {
      ++i;  // the option's value
      continue;
    }
    if (arg.starts_with("-")) {
      continue;
    }
    if (arg == "audit" || arg == "explain" || arg == "check" || arg == "test" || arg == "fmt") {
      command = arg == "audit"     ? Command::audit
                : arg == "explain" ? Command::explain
                : arg == "check"   ? Command::check
                : arg == "test"    ? Command::test
                                   : Command::fmt;
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
      : command == Command::test
          ? "perfeval test: run the tests of rule files (*.test.json, see docs/rule-tests.md)."
      : command == Command::fmt
          ? "perfeval fmt: lay out rule files in the one canonical form, in place\n"
            "(comments are kept; --check only lists the files that are not formatted)."
          : "perfeval scores 项目支出绩效自评表 and 单位整体支出绩效自评表 by rule files.\n"
            "RULES is a .perf file or a folder of them; DATA are .json files, .jsonl files (one\n"
            "table per line), folders of them, or - for JSON Lines on standard input.",
      command == Command::audit     ? "perfeval audit"
      : command == Command::explain ? "perfeval explain"
      : command == Command::check   ? "perfeval check"
      : command == Command::test    ? "perfeval test"
      : command == Command::fmt     ? "perfeval fmt"
                                    : "perfeval"};
  app.set_version_flag("--version", std::string("perfeval ") + PERFEVAL_VERSION);

  std::string format = "text";
  std::string lang_name;
  std::string output;
  if (command == Command::score) {
    app.add_option("-f,--format", format, "output format")
        ->check(CLI::IsMember({"text", "json", "jsonl", "html", "csv", "md", "xlsx"}))
        ->capture_default_str();
    app.add_option("-o,--output", output,
                   "write to this file instead of standard output (needed for xlsx)");
  } else if (command == Command::audit) {
    app.add_option("-f,--format", format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
  }
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  if (command == Command::score || command == Command::audit || command == Command::explain ||
      command == Command::check) {
    app.add_option("-j,--jobs", jobs,
                   "threads that read and score (default: one per core); the results are the "
                   "same for any number")
        ->check(CLI::Range(1u, 1024u));
  }
  app.add_option("--lang", lang_name,
                 "language of messages and headings (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
  Inputs inputs;
  std::string tests;
  std::vector<std::string> fmt_files;
  bool fmt_check = false;
  if (command == Command::test) {
    app.add_option("RULES", inputs.rules, "rule file or folder of rule files (*.perf)")->required();
    app.add_option("TESTS", tests, "test file or folder of test files (*.test.json)")->required();
  } else if (command == Command::fmt) {
    app.add_option("FILES", fmt_files, "rule files or folders of them (*.perf)")->required();
    app.add_flag("--check", fmt_check, "change nothing; list the files that are not formatted");
  } else {
    inputs.add_to(app, command != Command::check);
  }
  perfeval::ExplainFilter filter;
  if (command == Command::explain) {
    app.add_option("-p,--project", filter.project, "only this project");
    app.add_option("-i,--indicator", filter.indicator, "only this indicator (三级指标)");
  }
  app.footer(
      "Commands:\n"
      "  perfeval RULES DATA...          score every project and print its table (more than\n"
      "                                  100 tables, JSON Lines or -: one line per table)\n"
      "  perfeval audit RULES DATA...    list what the printed tables got wrong\n"
      "  perfeval explain RULES DATA...  show the working (-p PROJECT, -i INDICATOR)\n"
      "  perfeval check RULES [DATA...]  check rule and data files without scoring\n"
      "  perfeval test RULES TESTS       run the tests of the rules\n"
      "  perfeval fmt [--check] FILES... lay out rule files in the canonical form\n"
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
  if (command == Command::test) {
    return test_rules(inputs.rules, tests, lang);
  }
  if (command == Command::fmt) {
    return format_files(fmt_files, fmt_check, lang);
  }

  perfeval::TextOptions text;
  text.lang = lang;
  text.color = use_color();

  // Long batches show how far they are, on a terminal only.
  constexpr std::size_t kProgressFrom = 50;
  std::function<void(std::size_t, std::optional<std::size_t>)> progress;
  if (isatty(STDERR_FILENO) != 0) {
    progress = [lang](std::size_t done, std::optional<std::size_t> total) {
      if (total && *total < kProgressFrom) {
        return;
      }
      // The cursor goes back to the start of the line, so that a message
      // written next takes the line over.
      std::cerr << (lang == perfeval::Lang::zh ? "\r\x1b[K评分中 " : "\r\x1b[Kscoring ") << done;
      if (total) {
        std::cerr << "/" << *total;
      }
      std::cerr << "\r" << std::flush;
    };
  }

  // Whole tables on the terminal are for a handful of files; a batch is
  // written as it is scored, one line per table, so memory stays flat.
  constexpr std::size_t kTablesShownInFull = 100;
  if (command == Command::score && (format == "jsonl" || (format == "text" && [&] {
                                      const auto count = count_tables(inputs.data);
                                      return !count || *count > kTablesShownInFull;
                                    }()))) {
    StreamRequest request;
    request.rules = inputs.rules;
    request.data = inputs.data;
    request.format = format;
    request.output = output;
    request.jobs = jobs;
    request.text = text;
    request.progress = progress;
    const int status = stream_scores(request);
    if (progress) {
      std::cerr << "\r\x1b[K" << std::flush;
    }
    return status;
  }

  perfeval::RunOptions options;
  options.rules = inputs.rules;
  options.jobs = jobs;
  options.data.assign(inputs.data.begin(), inputs.data.end());
  options.scoring.explain = command == Command::audit || command == Command::explain;
  options.check_only = command == Command::check;
  options.scoring.lang = lang;

  if (progress) {
    options.progress = [&](std::size_t done, std::size_t total) {
      progress(done, total == 0 ? std::nullopt : std::optional<std::size_t>(total));
    };
  }
  perfeval::SourceManager sources;
  const perfeval::RunResults results = perfeval::run(options, sources);
  for (const auto& d : results.diagnostics) {
    std::cerr << perfeval::render(d, sources, lang) << "\n";
  }

  if (progress) {
    std::cerr << "\r\x1b[K" << std::flush;
  }
  switch (command) {
    case Command::audit: {
      if (format == "json") {
        std::cout << perfeval::audit_json(results, sources, lang)
                         .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
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
    case Command::test:
    case Command::fmt:
      break;  // handled above, before any data is read
    case Command::score: {
      std::vector<std::string> all_inputs = inputs.data;
      all_inputs.push_back(inputs.rules);
      if (const int status = write_results(results, sources, format, output, all_inputs, text);
          status != kOk) {
        return status;
      }
      break;
    }
  }
  return any_error(results) ? kFileProblem : kOk;
}
