#include "command_line.hpp"

#include <thread>

#include "terminal.hpp"

namespace perfeval::cli {
namespace {

constexpr const char* kFooter =
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
    "2 a wrong command line; 3 audit found differences or explanation problems.";

// A command word after the top level's: its help shows the same footer and
// it is listed there rather than by CLI11. Options it does not know go up
// to the top level, which refuses them in check_parsed, as the command
// does not take them.
CLI::App* add_command(CLI::App& app, const std::string& name, const std::string& description) {
  CLI::App* command = app.add_subcommand(name, description);
  command->footer(kFooter);
  command->group("");
  command->fallthrough();
  return command;
}

void add_lang(CLI::App& command, std::string& lang_name) {
  command
      .add_option("--lang", lang_name,
                  "language of messages and headings (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
}

void add_jobs(CLI::App& command, unsigned& jobs) {
  jobs = std::max(1u, std::thread::hardware_concurrency());
  command
      .add_option("-j,--jobs", jobs,
                  "threads that read and score (default: one per core); the results are the "
                  "same for any number")
      ->check(CLI::Range(1u, 1024u));
}

CLI::Option* add_rules(CLI::App& command, std::string& rules) {
  return command.add_option("RULES", rules, "rule file or folder of rule files (*.perf)");
}

CLI::Option* add_data(CLI::App& command, std::vector<std::string>& data) {
  return command.add_option(
      "DATA", data, "data files or folders of them (*.json, *.jsonl), or - for standard input");
}

// RULES and DATA, both needed.
void add_inputs(CLI::App& command, Inputs& inputs) {
  add_rules(command, inputs.rules)->required();
  add_data(command, inputs.data)->required();
}

}  // namespace

CommandLine::CommandLine(CLI::App& app) : app_(app) {
  app.set_version_flag("--version", std::string("perfeval ") + PERFEVAL_VERSION);
  app.footer(kFooter);
  app.require_subcommand(0, 1);

  app.add_option("-f,--format", score_.format, "output format")
      ->check(CLI::IsMember({"text", "json", "jsonl", "html", "csv", "md", "xlsx"}))
      ->capture_default_str();
  app.add_flag("--filter", score_.filter,
               "a line-in, line-out filter for JSON Lines (implies -f jsonl): each line gives one "
               "line, labelled by its input's name alone, and no summary line follows, so the "
               "output of any split of the input, put together, is the output of the whole");
  app.add_option("-o,--output", score_.output,
                 "write to this file instead of standard output (needed for xlsx)");
  add_jobs(app, score_.inputs.jobs);
  add_lang(app, lang_name_);
  // Not required here, as a command word may come instead: see check_parsed.
  // Once RULES is given no later word is a command word, so that
  // `perfeval rules audit` scores a folder named audit; CLI11 checks a
  // positional as it takes it only when positionals are validated.
  app.validate_positionals();
  add_rules(app, score_.inputs.rules)
      ->check(CLI::Validator(
          [&app](const std::string&) {
            for (CLI::App* command : app.get_subcommands({})) {
              command->disabled();
            }
            return std::string();
          },
          "", ""));
  add_data(app, score_.inputs.data);

  audit_command_ = add_command(
      app, "audit",
      "perfeval audit: list every printed rate, score or total that the rules do not give,\n"
      "with the arithmetic, and every deviation explanation that is missing or not needed.");
  audit_command_->add_option("-f,--format", audit_.format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_jobs(*audit_command_, audit_.inputs.jobs);
  add_lang(*audit_command_, lang_name_);
  add_inputs(*audit_command_, audit_.inputs);

  explain_command_ = add_command(
      app, "explain", "perfeval explain: show the rule and the arithmetic behind every figure.");
  add_jobs(*explain_command_, explain_.inputs.jobs);
  add_lang(*explain_command_, lang_name_);
  add_inputs(*explain_command_, explain_.inputs);
  explain_command_->add_option("-p,--project", explain_.filter.project, "only this project");
  explain_command_->add_option("-i,--indicator", explain_.filter.indicator,
                               "only this indicator (三级指标)");

  check_command_ =
      add_command(app, "check",
                  "perfeval check: load and check rule files (and data files) without scoring;\n"
                  "report every problem found, not only the first.");
  add_jobs(*check_command_, check_.jobs);
  add_lang(*check_command_, lang_name_);
  add_rules(*check_command_, check_.rules)->required();
  add_data(*check_command_, check_.data);

  test_command_ = add_command(
      app, "test",
      "perfeval test: run the tests of rule files (*.test.json, see docs/rule-tests.md).");
  add_lang(*test_command_, lang_name_);
  add_rules(*test_command_, test_rules_)->required();
  test_command_->add_option("TESTS", tests_, "test file or folder of test files (*.test.json)")
      ->required();

  fmt_command_ =
      add_command(app, "fmt",
                  "perfeval fmt: lay out rule files in the one canonical form, in place\n"
                  "(comments are kept; --check only lists the files that are not formatted).");
  add_lang(*fmt_command_, lang_name_);
  fmt_command_->add_option("FILES", fmt_files_, "rule files or folders of them (*.perf)")
      ->required();
  fmt_command_->add_flag("--check", fmt_check_,
                         "change nothing; list the files that are not formatted");
}

void CommandLine::check_parsed() const {
  const std::vector<CLI::App*> chosen = app_.get_subcommands();
  if (chosen.empty()) {
    if (score_.inputs.rules.empty()) {
      throw CLI::RequiredError("RULES");
    }
    if (score_.inputs.data.empty()) {
      throw CLI::RequiredError("DATA");
    }
    return;
  }
  // Options before the command word were read by the top level: they go to
  // the command if it takes them (and are checked as it checks them), and
  // are refused if not, as are words the command has no place for.
  CLI::App& command = *chosen.front();
  for (const CLI::Option* given : app_.get_options()) {
    if (given->count() == 0 || given == app_.get_help_ptr()) {
      continue;
    }
    CLI::Option* same =
        given->get_positional() ? nullptr : command.get_option_no_throw(given->get_name());
    if (!same) {
      throw CLI::ExtrasError(given->get_positional() ? given->results()
                                                     : std::vector{given->get_name()});
    }
    same->add_result(given->results());
    same->run_callback();
  }
}

int CommandLine::run() const {
  const Lang lang = chosen_lang(lang_name_);
  if (test_command_->parsed()) {
    return test_rules(test_rules_, tests_, lang);
  }
  if (fmt_command_->parsed()) {
    return format_files(fmt_files_, fmt_check_, lang);
  }
  const Terminal terminal = terminal_for(lang);
  if (audit_command_->parsed()) {
    return audit(audit_, terminal);
  }
  if (explain_command_->parsed()) {
    return explain(explain_, terminal);
  }
  if (check_command_->parsed()) {
    return check(check_, terminal);
  }
  return score(score_, terminal);
}

}  // namespace perfeval::cli
