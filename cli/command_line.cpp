#include "command_line.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli_text.hpp"
#include "help_formatter.hpp"
#include "suggest.hpp"
#include "terminal.hpp"

namespace perfeval::cli {
namespace {

namespace fs = std::filesystem;

// A text of the table, filled in: say(what, lang) with `args`.
template <typename... Args>
std::string said(Say what, Lang lang, const Args&... args) {
  return fmt::format(fmt::runtime(say(what, lang)), args...);
}

std::string text(Say what, Lang lang) {
  return std::string(say(what, lang));
}

// A command word after the top level's: its help shows the same footer and
// it is listed there rather than by CLI11. Options it does not know go up
// to the top level, which refuses them in check_parsed, as the command
// does not take them.
CLI::App* add_command(CLI::App& app, const std::string& name, Say description, Lang lang) {
  CLI::App* command = app.add_subcommand(name, text(description, lang));
  command->footer(text(Say::footer, lang));
  command->group("");
  command->fallthrough();
  // CLI11 makes a command's help flag before it takes the top level's
  // option defaults: its group is named here.
  command->get_help_ptr()->group(text(Say::label_options, lang));
  return command;
}

// The names a command's options go by, for "did you mean".
std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) {
      names.push_back("--" + name);
    }
    for (const auto& name : option->get_snames()) {
      names.push_back("-" + name);
    }
  }
  return names;
}

// Whether `path` is data rather than rules, by its name: JSON, JSON Lines
// or standard input.
bool names_data(const fs::path& path) {
  return path == "-" || path.extension() == ".json" || path.extension() == ".jsonl" ||
         path.extension() == ".xlsx";
}

// Whether `path` is a rule file or a folder holding one (the first one
// found ends the search).
bool holds_rules(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    return path.extension() == ".perf" && fs::exists(path, ec);
  }
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".perf") {
      return true;
    }
  }
  return false;
}

std::string joined(const std::vector<std::string>& words, std::string_view between) {
  std::string out;
  for (const auto& word : words) {
    out += (out.empty() ? "" : std::string(between)) + word;
  }
  return out;
}

// A path as a shell word, quoted when it has to be.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-_./=:,+").find(c) != std::string_view::npos ||
           static_cast<unsigned char>(c) >= 0x80;
  });
  return plain ? word : "'" + word + "'";
}

}  // namespace

CLI::Validator CommandLine::one_of(std::string option, std::vector<std::string> values) {
  const std::string listed = "{" + joined(values, ",") + "}";
  return CLI::Validator(
      [this, option, values](std::string& value) -> std::string {
        if (std::find(values.begin(), values.end(), value) != values.end()) {
          return {};
        }
        std::string message = said(Say::not_one_of, lang_, option, value, joined(values, ", "));
        if (const auto near = closest(value, values)) {
          message += said(Say::did_you_mean, lang_, *near);
        }
        bad_value_ = message;
        return message;
      },
      listed);
}

CLI::Validator CommandLine::whole_number(std::string option, unsigned low, unsigned high) {
  return CLI::Validator(
      [this, option, low, high](std::string& value) -> std::string {
        unsigned number = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), number);
        if (error == std::errc() && end == value.data() + value.size() && number >= low &&
            number <= high) {
          return {};
        }
        bad_value_ = said(Say::not_a_whole_number, lang_, option, value, low, high);
        return *bad_value_;
      },
      "");
}

CommandLine::CommandLine(CLI::App& app, Lang lang) : app_(app), lang_(lang) {
  // What the subcommands copy from the top level comes first.
  const auto formatter = std::make_shared<HelpFormatter>();
  app.formatter(formatter);
  app.option_defaults()->group(text(Say::label_options, lang));
  formatter->label("Usage", text(Say::label_usage, lang));
  formatter->label("OPTIONS", text(Say::label_options_word, lang));
  formatter->label("SUBCOMMAND", text(Say::label_command_word, lang));
  formatter->label("Positionals", text(Say::label_positionals, lang));
  formatter->label("Options", text(Say::label_options, lang));
  formatter->label("REQUIRED", text(Say::label_required, lang));
  formatter->column_width(30);
  app.set_help_flag("-h,--help", text(Say::help_flag, lang));
  app.failure_message(
      [this](const CLI::App*, const CLI::Error& error) { return failure_message(error); });
  app.set_version_flag("--version", std::string("perfeval ") + PERFEVAL_VERSION,
                       text(Say::version_flag, lang));
  app.description(text(Say::description, lang));
  app.footer(text(Say::footer, lang));
  app.require_subcommand(0, 1);

  const auto add_lang = [&](CLI::App& command) {
    command.add_option("--lang", lang_name_, text(Say::lang_option, lang))
        ->type_name(text(Say::value_lang, lang))
        ->check(one_of("--lang", {"zh", "en"}));
  };
  const auto add_jobs = [&](CLI::App& command, unsigned& jobs) {
    jobs = std::max(1u, std::thread::hardware_concurrency());
    command.add_option("-j,--jobs", jobs, text(Say::jobs_option, lang))
        ->type_name(text(Say::value_number, lang))
        ->check(whole_number("--jobs", 1, 1024));
  };
  // What every command that reads data shows on a terminal.
  const auto add_terminal = [&](CLI::App& command) {
    command.add_flag("-q,--quiet", quiet_, text(Say::quiet_option, lang));
    command.add_option("--color", color_, text(Say::color_option, lang))
        ->type_name(text(Say::value_when, lang))
        ->check(one_of("--color", {"auto", "always", "never"}))
        ->capture_default_str();
  };
  const auto add_rules = [&](CLI::App& command, std::string& rules) {
    return command.add_option("RULES", rules, text(Say::rules_argument, lang))->type_name("");
  };
  const auto add_data = [&](CLI::App& command, std::vector<std::string>& data) {
    return command.add_option("DATA", data, text(Say::data_argument, lang))->type_name("");
  };
  const auto add_policy = [&](CLI::App& command, std::string& policy) {
    command.add_option("--policy", policy, text(Say::policy_option, lang))
        ->type_name(text(Say::value_name, lang));
  };
  // perfeval and perfeval score take the same: what to write and where,
  // then RULES and DATA (checked in check_inputs, which says more than
  // CLI11 can about a missing or misplaced one).
  const auto add_scoring = [&](CLI::App& command) {
    command.add_option("-f,--format", score_.format, text(Say::format_option, lang))
        ->type_name(text(Say::value_format, lang))
        ->check(one_of("--format", {"text", "json", "jsonl", "html", "csv", "md", "xlsx"}))
        ->capture_default_str();
    command.add_option("-o,--output", score_.output, text(Say::output_option, lang))
        ->type_name(text(Say::value_file, lang));
    add_jobs(command, score_.inputs.jobs);
    add_lang(command);
    add_terminal(command);
    command.add_flag("--filter", score_.filter, text(Say::filter_option, lang));
    CLI::Option* rules = add_rules(command, score_.inputs.rules);
    add_data(command, score_.inputs.data);
    add_policy(command, score_.inputs.policy);
    return rules;
  };

  // Once RULES is given no later word is a command word, so that
  // `perfeval rules audit` scores a folder named audit; CLI11 checks a
  // positional as it takes it only when positionals are validated.
  app.validate_positionals();
  add_scoring(app)->check(CLI::Validator(
      [&app](const std::string&) {
        for (CLI::App* command : app.get_subcommands({})) {
          command->disabled();
        }
        return std::string();
      },
      "", ""));

  score_command_ = add_command(app, "score", Say::score_command, lang);
  add_scoring(*score_command_);

  audit_command_ = add_command(app, "audit", Say::audit_command, lang);
  audit_command_->add_option("-f,--format", audit_.format, text(Say::format_option, lang))
      ->type_name(text(Say::value_format, lang))
      ->check(one_of("--format", {"text", "json"}))
      ->capture_default_str();
  add_jobs(*audit_command_, audit_.inputs.jobs);
  add_lang(*audit_command_);
  add_terminal(*audit_command_);
  add_rules(*audit_command_, audit_.inputs.rules);
  add_data(*audit_command_, audit_.inputs.data);
  add_policy(*audit_command_, audit_.inputs.policy);

  explain_command_ = add_command(app, "explain", Say::explain_command, lang);
  add_jobs(*explain_command_, explain_.inputs.jobs);
  add_lang(*explain_command_);
  add_terminal(*explain_command_);
  add_rules(*explain_command_, explain_.inputs.rules);
  add_data(*explain_command_, explain_.inputs.data);
  add_policy(*explain_command_, explain_.inputs.policy);
  explain_command_
      ->add_option("-p,--project", explain_.filter.project, text(Say::project_option, lang))
      ->type_name(text(Say::value_name, lang));
  explain_command_
      ->add_option("-i,--indicator", explain_.filter.indicator, text(Say::indicator_option, lang))
      ->type_name(text(Say::value_name, lang));

  check_command_ = add_command(app, "check", Say::check_command, lang);
  add_jobs(*check_command_, check_.jobs);
  add_lang(*check_command_);
  add_terminal(*check_command_);
  add_rules(*check_command_, check_.rules);
  add_data(*check_command_, check_.data);
  add_policy(*check_command_, check_.policy);

  test_command_ = add_command(app, "test", Say::test_command, lang);
  add_lang(*test_command_);
  add_rules(*test_command_, test_rules_)->required();
  test_command_->add_option("TESTS", tests_, text(Say::tests_argument, lang))
      ->type_name("")
      ->required();

  fmt_command_ = add_command(app, "fmt", Say::fmt_command, lang);
  add_lang(*fmt_command_);
  fmt_command_->add_option("FILES", fmt_files_, text(Say::fmt_files_argument, lang))
      ->type_name("")
      ->required();
  fmt_command_->add_flag("--check", fmt_check_, text(Say::fmt_check_option, lang));

  template_command_ = add_command(app, "template", Say::template_command, lang);
  add_lang(*template_command_);
  add_rules(*template_command_, template_.rules)->required();
  template_command_
      ->add_option("-p,--project", template_.project, text(Say::template_project_option, lang))
      ->type_name(text(Say::value_name, lang));
  template_command_
      ->add_option("-o,--output", template_.output, text(Say::template_output_option, lang))
      ->type_name(text(Say::value_file, lang))
      ->required();
  serve_command_ = add_command(app, "serve", Say::serve_command, lang);
  add_lang(*serve_command_);
  add_rules(*serve_command_, serve_.rules)->required();
  serve_command_->add_option("--port", serve_.port, text(Say::port_option, lang))
      ->type_name(text(Say::value_number, lang))
      ->check(whole_number("--port", 0, 65535));
  serve_command_->add_option("--listen", serve_.listen, text(Say::listen_option, lang))
      ->type_name(text(Say::value_address, lang))
      ->capture_default_str();

  help_command_ = add_command(app, "help", Say::help_command, lang);
  add_lang(*help_command_);
  help_command_->add_option("COMMAND", help_topic_, text(Say::help_command_argument, lang))
      ->type_name("");
}

void CommandLine::remember(int argc, const char* const* argv) {
  argv_.assign(argv + 1, argv + argc);
}

CLI::App* CommandLine::chosen_command() const {
  const std::vector<CLI::App*> chosen = app_.get_subcommands();
  return chosen.empty() ? nullptr : chosen.front();
}

std::string CommandLine::command_words() const {
  const CLI::App* command = chosen_command();
  return command ? "perfeval " + command->get_name() : "perfeval";
}

void CommandLine::check_inputs(const Inputs& inputs, bool data_required) const {
  if (inputs.rules.empty()) {
    throw UsageError(said(Say::required, lang_, "RULES"));
  }
  // RULES that are data, or that hold no rules while a DATA holds them.
  const bool rules_are_data =
      names_data(inputs.rules) || (fs::is_directory(inputs.rules) && !holds_rules(inputs.rules));
  if (rules_are_data) {
    for (const auto& data : inputs.data) {
      if (data != "-" && holds_rules(data)) {
        throw UsageError(said(
            Say::rules_and_data_swapped, lang_, inputs.rules, data,
            fmt::format("{} {} {}", command_words(), shell_word(data), shell_word(inputs.rules))));
      }
    }
  }
  if (names_data(inputs.rules) && inputs.rules != "-") {
    throw UsageError(said(Say::data_file_alone, lang_, inputs.rules,
                          fmt::format("{} RULES {}", command_words(), shell_word(inputs.rules))));
  }
  if (data_required && inputs.data.empty()) {
    throw UsageError(said(Say::required, lang_, "DATA"));
  }
}

void CommandLine::check_parsed() const {
  CLI::App* command = chosen_command();
  if (!command) {
    // A word that is neither a file nor a folder, and nearly a command word.
    const std::string& first = score_.inputs.rules;
    std::error_code ec;
    if (!first.empty() && !fs::exists(first, ec)) {
      std::vector<std::string> commands;
      for (const CLI::App* sub : app_.get_subcommands({})) {
        commands.push_back(sub->get_name());
      }
      if (const auto near = closest(first, commands)) {
        throw UsageError(said(Say::not_a_command, lang_, first) +
                         said(Say::did_you_mean, lang_, *near));
      }
    }
    check_inputs(score_.inputs, true);
    return;
  }
  // Options before the command word were read by the top level: they go to
  // the command if it takes them (and are checked as it checks them), and
  // are refused if not, as are words the command has no place for.
  for (const CLI::Option* given : app_.get_options()) {
    if (given->count() == 0 || given == app_.get_help_ptr()) {
      continue;
    }
    CLI::Option* same =
        given->get_positional() ? nullptr : command->get_option_no_throw(given->get_name());
    if (!same) {
      throw UsageError(
          given->get_positional()
              ? said(Say::not_expected, lang_, joined(given->results(), " "))
              : said(Say::not_an_option_of, lang_, command->get_name(), given->get_name()));
    }
    same->add_result(given->results());
    same->run_callback();
  }
  if (command == score_command_) {
    check_inputs(score_.inputs, true);
  } else if (command == audit_command_) {
    check_inputs(audit_.inputs, true);
  } else if (command == explain_command_) {
    check_inputs(explain_.inputs, true);
  } else if (command == check_command_) {
    check_inputs(check_, false);
  } else if (command == help_command_ && !help_topic_.empty()) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app_.get_subcommands({})) {
      commands.push_back(sub->get_name());
    }
    if (std::find(commands.begin(), commands.end(), help_topic_) == commands.end()) {
      const auto near = closest(help_topic_, commands);
      throw UsageError(said(Say::no_such_command, lang_, help_topic_) +
                       (near ? said(Say::did_you_mean, lang_, *near) : std::string()));
    }
  }
}

std::string CommandLine::missing_value_message() const {
  // The option that ends the command line, or is followed by another.
  const CLI::App* command = chosen_command();
  for (std::size_t i = 0; i < argv_.size(); ++i) {
    const std::string& word = argv_[i];
    if (!word.starts_with("-") || word == "-" || word.find('=') != std::string::npos) {
      continue;
    }
    const CLI::Option* option =
        command ? command->get_option_no_throw(word) : app_.get_option_no_throw(word);
    if (!option) {
      option = app_.get_option_no_throw(word);
    }
    const bool last = i + 1 == argv_.size();
    if (option && option->get_type_size() > 0 &&
        (last || (argv_[i + 1].starts_with("-") && argv_[i + 1] != "-"))) {
      return said(Say::needs_value, lang_, word);
    }
  }
  return {};
}

std::string CommandLine::unexpected_message(const std::string& word) const {
  const CLI::App* command = chosen_command();
  if (!word.starts_with("-") || word == "-") {
    return said(Say::not_expected, lang_, word);
  }
  const std::string name = word.substr(0, word.find('='));
  std::string message = command ? said(Say::not_an_option_of, lang_, command->get_name(), name)
                                : said(Say::no_such_option, lang_, name);
  if (const auto near = closest(name, option_names(command ? *command : app_))) {
    return message + said(Say::did_you_mean, lang_, *near);
  }
  // An option of another command, given to the wrong one.
  for (const CLI::App* other : app_.get_subcommands({})) {
    if (other != command && other->get_option_no_throw(name)) {
      return message + said(Say::option_of_other_command, lang_, "perfeval " + other->get_name());
    }
  }
  return message;
}

std::string CommandLine::failure_message(const CLI::Error& error) const {
  std::string message;
  if (dynamic_cast<const UsageError*>(&error)) {
    message = error.what();
  } else if (dynamic_cast<const CLI::ValidationError*>(&error) && bad_value_) {
    message = *bad_value_;
  } else if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    std::vector<std::string> extra = app_.remaining(true);
    if (const CLI::App* command = chosen_command()) {
      const auto more = command->remaining();
      extra.insert(extra.begin(), more.begin(), more.end());
    }
    if (!extra.empty()) {
      message = unexpected_message(extra.front());
    }
  } else if (dynamic_cast<const CLI::RequiredError*>(&error)) {
    const CLI::App* command = chosen_command();
    for (const CLI::Option* option : (command ? *command : app_).get_options()) {
      if (option->get_required() && option->count() == 0) {
        message = said(Say::required, lang_, option->get_name());
        break;
      }
    }
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
    message = missing_value_message();
  }
  if (message.empty()) {
    message = said(Say::cannot_read, lang_, error.what());
  }
  const CLI::App* command = chosen_command();
  const std::string help = command && command != help_command_
                               ? "perfeval help " + command->get_name()
                               : std::string("perfeval help");
  return message + "\n" + said(Say::see_help, lang_, help) + "\n";
}

int CommandLine::run() const {
  if (help_command_->parsed()) {
    if (help_topic_.empty()) {
      std::cout << app_.get_formatter()->make_help(&app_, "perfeval", CLI::AppFormatMode::Normal);
    } else {
      std::cout << app_.get_subcommand(help_topic_)->help("perfeval");
    }
    return kOk;
  }
  if (test_command_->parsed()) {
    return test_rules(test_rules_, tests_, lang_);
  }
  if (fmt_command_->parsed()) {
    return format_files(fmt_files_, fmt_check_, lang_);
  }
  if (template_command_->parsed()) {
    return write_template(template_, lang_);
  }
  if (serve_command_->parsed()) {
    return serve_page(serve_, lang_);
  }
  const Terminal terminal = terminal_for({lang_, color_, quiet_});
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
