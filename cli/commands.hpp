#pragma once

// The commands that do not score data, each a function the dispatcher in
// main.cpp calls with what the command line gave.

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

// Whether `output` names one of `inputs` (or a file inside an input
// folder); if so, says so on standard error, as perfeval never overwrites
// what it reads.
bool refuse_to_overwrite_input(const std::string& output, const std::vector<std::string>& inputs,
                               Lang lang);

// perfeval RULES DATA... as a stream: each table written as it is scored
// (JSON Lines, or one summary line per table), memory flat however many.
struct StreamRequest {
  std::string rules;
  std::vector<std::string> data;
  std::string format;  // "jsonl" or "text"
  std::string output;  // empty: standard output
  unsigned jobs = 1;
  std::size_t max_data_bytes = 64 * 1024 * 1024;
  TextOptions text;
  std::function<void(std::size_t done, std::optional<std::size_t> total)> progress;
};
int stream_scores(const StreamRequest& request);

// How many tables the DATA arguments hold, when that is known without
// reading them (no JSON Lines, no standard input).
std::optional<std::size_t> count_tables(const std::vector<std::string>& data);

}  // namespace perfeval::cli
