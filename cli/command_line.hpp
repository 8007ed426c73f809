#pragma once

// The command line: perfeval [OPTIONS] RULES DATA... scores; a command word
// first (score, audit, explain, check, test, fmt, template, serve, help) asks for a command.
// Its help and everything it says about a wrong command line are in the
// language chosen (lang_from_arguments), CLI11's own messages included.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"

namespace perfeval::cli {

// A wrong command line, in words already in the user's language.
class UsageError : public CLI::ParseError {
 public:
  explicit UsageError(std::string message)
      : CLI::ParseError("UsageError", std::move(message), CLI::ExitCodes::ExtrasError) {}
};

class CommandLine {
 public:
  // Describes every command and option to `app` (the top level: scoring),
  // in `lang`, and words app's failure messages (see failure_message).
  CommandLine(CLI::App& app, Lang lang);
  CommandLine(const CommandLine&) = delete;  // app's checks hold `this`
  CommandLine& operator=(const CommandLine&) = delete;

  // What CLI11 cannot say by itself: which words are not commands, RULES
  // and DATA in the wrong order, options before the command word that the
  // command does not take. Throws a CLI::ParseError.
  void check_parsed() const;

  // Runs the command asked for; returns its exit status.
  int run() const;

  // One or two lines saying what is wrong with the command line, in the
  // language, for any error app.parse or check_parsed throws.
  std::string failure_message(const CLI::Error& error) const;

  // The words given, for messages that need to point at one.
  void remember(int argc, const char* const* argv);

 private:
  CLI::App* chosen_command() const;  // nullptr: the top level
  void check_inputs(const Inputs& inputs, bool data_required) const;
  std::string command_words() const;  // "perfeval audit"
  CLI::Validator one_of(std::string option, std::vector<std::string> values);
  CLI::Validator whole_number(std::string option, unsigned low, unsigned high);
  std::string missing_value_message() const;
  std::string unexpected_message(const std::string& word) const;

  CLI::App& app_;
  Lang lang_;
  std::vector<std::string> argv_;
  mutable std::optional<std::string> bad_value_;  // what a check found, worded

  std::string lang_name_;  // every command takes --lang
  std::string color_ = "auto";
  bool quiet_ = false;
  ScoreArgs score_;
  AuditArgs audit_;
  ExplainArgs explain_;
  Inputs check_;
  std::string test_rules_, tests_;
  std::vector<std::string> fmt_files_;
  bool fmt_check_ = false;
  std::string help_topic_;
  TemplateArgs template_;
  ServeArgs serve_;
  CLI::App* score_command_;
  CLI::App* audit_command_;
  CLI::App* explain_command_;
  CLI::App* check_command_;
  CLI::App* test_command_;
  CLI::App* fmt_command_;
  CLI::App* help_command_;
  CLI::App* template_command_;
  CLI::App* serve_command_;
};

}  // namespace perfeval::cli
