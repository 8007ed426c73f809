#pragma once

// The rule files of `perfeval serve RULES`: held in memory, checked as the
// officer edits one, saved back atomically, and compiled into the rules the
// uploaded tables are scored by. Scorings and a save may run at once: a
// scoring holds the compiled rules it started with, and a save swaps in new
// ones when they are ready.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace perfeval::serve {

// Compiled rules with the text their messages point into.
struct CompiledRules {
  SourceManager sources;
  RuleSet rules;
};

// One problem `perfeval check` would report, as the page shows it: the
// listed rule file it is in (empty when it is in none, e.g. a library file
// a `use` reached), where, and the command line's own text.
struct RuleProblem {
  std::string name;
  std::uint32_t line = 0;  // 0: the problem has no place in the file
  std::uint32_t column = 0;
  bool error = true;
  std::string text;  // render(): "rules/x.perf:3:5: error: ...", with the line and caret
};

struct CheckOutcome {
  std::vector<RuleProblem> problems;
  bool errors = false;
  std::size_t rule_files = 0;
};

enum class SaveStatus {
  saved,
  unknown_name,       // not one of the listed rule files: nothing was written
  has_errors,         // the text does not check: nothing was written
  write_failed,       // the folder could not be written: nothing was changed
  changed_elsewhere,  // the file on disk is no longer what was read: it is left as it is
};

struct SaveOutcome {
  SaveStatus status = SaveStatus::saved;
  CheckOutcome check;
  std::string error;  // why writing failed
};

class RulesWorkspace {
 public:
  // Lists every *.perf file under `rules` (or `rules` itself) and reads
  // them; what cannot be read is in initial_check().
  explicit RulesWorkspace(std::filesystem::path rules);

  // The listed files' names, relative to RULES with '/' ("projects/x.perf";
  // the file's own name when RULES is a file), in order.
  std::vector<std::string> names() const;
  std::optional<std::string> text(std::string_view name) const;

  // What `perfeval check RULES` says of the rules as saved, or with the
  // listed file `name` holding `text` instead (nullopt for an unknown name).
  CheckOutcome check(Lang lang) const;
  std::optional<CheckOutcome> check(std::string_view name, std::string_view text, Lang lang) const;

  // Writes `text` to the listed file `name` through a temporary file in the
  // same folder and a rename, so the file is never half written; then the
  // compiled rules are replaced. Text that does not check is not saved.
  SaveOutcome save(std::string_view name, std::string_view text, Lang lang);

  // Reads the listed files again, for files changed outside the page
  // since they were read (another editor, a colleague): whether any was.
  bool reload();

  // The rules uploads are scored by now.
  std::shared_ptr<const CompiledRules> current() const;

 private:
  struct Compiled {
    std::shared_ptr<CompiledRules> rules;
    std::vector<Diagnostic> diagnostics;
  };
  Compiled compile(const std::map<std::string, std::string>& texts) const;
  CheckOutcome describe(const Compiled& compiled, Lang lang) const;

  std::filesystem::path root_;
  // Name to the path the file was listed by, as `perfeval check RULES`
  // names it in messages. Fixed once listed: only these are ever written.
  std::map<std::string, std::filesystem::path, std::less<>> paths_;
  std::vector<std::string> unreadable_;  // listed but not readable at start

  mutable std::mutex mutex_;  // guards texts_ and current_
  std::map<std::string, std::string> texts_;
  std::shared_ptr<const CompiledRules> current_;
  std::vector<Diagnostic> start_diagnostics_;  // from listing and reading the files
  std::mutex save_mutex_;                      // one save at a time
};

}  // namespace perfeval::serve
