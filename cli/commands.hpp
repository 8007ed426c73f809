#pragma once

// The commands, each a function called with what the command line gave it
// (command_line.cpp reads the command line and calls the one asked for).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/report.hpp"

namespace perfeval::cli {

// Exit statuses, documented in --help and the README.
constexpr int kOk = 0;
constexpr int kFileProblem = 1;
constexpr int kUsage = 2;
constexpr int kAuditFindings = 3;

// What every command that reads data is given besides its own options.
struct Terminal {
  // Language, colour and width where standard output is a terminal, and
  // no warnings with --quiet.
  TextOptions text;
  // On a terminal only: how far a long batch is, on standard error.
  std::function<void(std::size_t done, std::optional<std::size_t> total)> progress;
  void clear_progress() const;  // takes the progress line off again
};

// The RULES and DATA arguments the commands that read data take.
struct Inputs {
  std::string rules;
  std::vector<std::string> data;
  unsigned jobs = 1;
  std::string policy;  // --policy: for tables that carry their indicators and name none
};

// perfeval [score] [-f FORMAT] [-o FILE] RULES DATA...
struct ScoreArgs {
  Inputs inputs;
  std::string format = "text";
  std::string output;   // empty: standard output
  bool filter = false;  // --filter: one JSON line out per line in
};
int score(const ScoreArgs& args, const Terminal& terminal);

// perfeval audit [-f text|json] RULES DATA...
struct AuditArgs {
  Inputs inputs;
  std::string format = "text";
};
int audit(const AuditArgs& args, const Terminal& terminal);

// perfeval explain RULES DATA... [-p PROJECT] [-i INDICATOR]; a project or
// indicator that is in none of the tables is a wrong command line, with the
// nearest name there is.
struct ExplainArgs {
  Inputs inputs;
  ExplainFilter filter;
};
int explain(const ExplainArgs& args, const Terminal& terminal);

// perfeval check RULES [DATA...]
int check(const Inputs& inputs, const Terminal& terminal);

// perfeval template RULES [-p PROJECT] -o FILE: a blank 自评表 workbook to
// fill in, one sheet per project type of RULES (or only PROJECT).
struct TemplateArgs {
  std::string rules;
  std::string project;  // empty: every project type
  std::string output;
};
int write_template(const TemplateArgs& args, Lang lang);

// Whether the folder `output` goes in cannot take it; if so, says why on
// standard error: the folder is missing, is a file, or may not be written to.
bool refuse_unwritable_folder(const std::string& output, Lang lang);

// perfeval test RULES TESTS
int test_rules(const std::string& rules, const std::string& tests, Lang lang);

// perfeval fmt [--check] FILES...: lays out rule files in the canonical
// form, in place; with `check` only lists the files that are not.
int format_files(const std::vector<std::string>& paths, bool check, Lang lang);

// perfeval serve RULES [--port N] [--listen ADDRESS]: a page in the web
// browser that scores tables and edits the rules (docs/serve.md).
struct ServeArgs {
  std::string rules;
  std::optional<int> port;  // none: the usual port, or any free one if it is taken
  std::string listen = "127.0.0.1";
};
int serve_page(const ServeArgs& args, Lang lang);

}  // namespace perfeval::cli
