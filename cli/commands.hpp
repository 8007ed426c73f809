#pragma once

// The commands that do not score data, each a function the dispatcher in
// main.cpp calls with what the command line gave.

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

// perfeval test RULES TESTS
int test_rules(const std::string& rules, const std::string& tests, Lang lang);

// perfeval fmt [--check] FILES...: lays out rule files in the canonical
// form, in place; with `check` only lists the files that are not.
int format_files(const std::vector<std::string>& paths, bool check, Lang lang);

// Writes `results` as `format` (text, json, html, csv, md, xlsx) to standard
// output or, when `output` is not empty, to that file, refusing to
// overwrite an input. Returns an exit status.
int write_results(const RunResults& results, const SourceManager& sources,
                  const std::string& format, const std::string& output,
                  const std::vector<std::string>& inputs, const TextOptions& text);

}  // namespace perfeval::cli
