#pragma once

// Tests for rule files, written by the people who write the rules: given
// these values, this indicator must score this, this project must total
// that. The format is in docs/rule-tests.md.

#include <filesystem>
#include <string>
#include <vector>

#include "perfeval/runtime/program.hpp"

namespace perfeval {

struct RuleTestFailure {
  std::string file;
  std::size_t index = 0;  // 1-based position of the case in the file
  std::string name;
  // "score", "rate", "met", "explain", "total", "band", or "error": with
  // `expected` empty an error where none was expected, otherwise the text of
  // an expected error that did not come
  std::string field;
  std::string expected;
  std::string actual;
};

struct RuleTestReport {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::vector<RuleTestFailure> failures;
};

// Runs every case of every test file (*.test.json) under `path`. Test files
// that cannot be read are reported to `sink` and count as failed.
RuleTestReport run_rule_tests(const Program& program, const std::filesystem::path& path,
                              SourceManager& sources, DiagnosticSink& sink);

}  // namespace perfeval
