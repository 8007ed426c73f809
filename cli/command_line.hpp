#pragma once

// The command line: perfeval [OPTIONS] RULES DATA... scores; a command word
// first (audit, explain, check, test, fmt) asks for another command.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "commands.hpp"

namespace perfeval::cli {

class CommandLine {
 public:
  // Describes every command and option to `app` (the top level: scoring).
  explicit CommandLine(CLI::App& app);

  // After app.parse: what CLI11 cannot say by itself. Throws CLI::ParseError.
  void check_parsed() const;

  // Runs the command asked for; returns its exit status.
  int run() const;

 private:
  CLI::App& app_;
  std::string lang_name_;  // every command takes --lang
  ScoreArgs score_;
  AuditArgs audit_;
  ExplainArgs explain_;
  Inputs check_;
  std::string test_rules_, tests_;
  std::vector<std::string> fmt_files_;
  bool fmt_check_ = false;
  CLI::App* audit_command_;
  CLI::App* explain_command_;
  CLI::App* check_command_;
  CLI::App* test_command_;
  CLI::App* fmt_command_;
};

}  // namespace perfeval::cli
