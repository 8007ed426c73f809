#pragma once

// Diagnostics are data: a code, where, and the arguments. The text is made
// late, from one table of messages, in Chinese or English.

#include <optional>
#include <string>
#include <vector>

#include "perfeval/lang/source.hpp"
#include "perfeval/values/value.hpp"

namespace perfeval {

enum class Severity { error, warning };

enum class Lang { en, zh };

// A message within a diagnostic's text: why a value could not be read, as a
// ValueError's code and arguments. It is rendered in the diagnostic's
// language and filled in after the diagnostic's own arguments.
struct Cause {
  std::string code;
  std::vector<std::string> args;
};
Cause cause_of(const ValueError& e);

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;                    // key into the message table, e.g. "expected-weight"
  std::optional<SourceRange> range;    // absent for problems with no place (an unreadable file)
  std::string file;                    // used when range is absent
  std::vector<std::string> args;       // filled into the message's {0}, {1}, ...
  std::optional<SourceRange> related;  // where the first of two clashing declarations stands
  std::optional<Cause> cause = std::nullopt;  // the last argument, rendered in the same language
};

// The message text for a diagnostic, without position: "expected a weight (a number) after
// 'weight'".
std::string message_text(const Diagnostic& d, Lang lang);
// The text of a cause alone: "'2024年2月30日' is not a date: February 2024 has 29 days".
std::string message_text(const Cause& cause, Lang lang);

// The full rendering:
//   file:line:column: error: message
//     line text
//           ^
std::string render(const Diagnostic& d, const SourceManager& sources, Lang lang);

// Where `range` starts, as "file:line:column".
std::string location(const SourceRange& range, const SourceManager& sources);

class DiagnosticSink {
 public:
  void report(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  void error(std::string code, SourceRange range, std::vector<std::string> args = {}) {
    report({Severity::error, std::move(code), range, {}, std::move(args), {}});
  }
  void warning(std::string code, SourceRange range, std::vector<std::string> args = {}) {
    report({Severity::warning, std::move(code), range, {}, std::move(args), {}});
  }
  bool has_errors() const;
  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  void clear() { diagnostics_.clear(); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace perfeval
