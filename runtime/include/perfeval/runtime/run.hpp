#pragma once

// One whole run, as the command line does it: load the rules, then score
// every data file, each on its own, so one bad file never stops the others.

#include <filesystem>
#include <functional>
#include <vector>

#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace perfeval {

struct RunOptions {
  std::filesystem::path rules;
  std::vector<std::filesystem::path> data;
  ParseLimits limits;
  std::size_t max_data_bytes = 64 * 1024 * 1024;
  ScoreOptions scoring;
  // `perfeval check`: warn about unused declarations, try every formula on
  // its indicators' targets, and keep no results.
  bool check_only = false;
  // Called before each data file with how many have been started and how
  // many there are, for a progress indicator on long batches.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Every problem found is in the result's diagnostics; `sources` keeps the
// text they point into.
RunResults run(const RunOptions& options, SourceManager& sources);

}  // namespace perfeval
