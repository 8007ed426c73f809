#pragma once

// One whole run, as the command line does it: load the rules, then score
// every data file, each on its own, so one bad file never stops the others.

#include <filesystem>
#include <functional>
#include <vector>

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace perfeval {

struct RunOptions {
  std::filesystem::path rules;
  std::vector<std::filesystem::path> data;
  ParseLimits limits;
  std::size_t max_data_bytes = 64 * 1024 * 1024;
  ScoreOptions scoring;
  // Threads that load and score; results come in input order whatever it is.
  unsigned jobs = 1;
  // `perfeval check`: warn about unused declarations, try every formula on
  // its indicators' targets, and keep no results.
  bool check_only = false;
  // Called as tables are scored with how many are done and how many there
  // are (0 when not known: JSON Lines), for a progress indicator.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Every problem found is in the result's diagnostics; `sources` keeps the
// text they point into.
RunResults run(const RunOptions& options, SourceManager& sources);

// What run() does once the rules are compiled: scores every table `reader`
// gives against `rules`, on this thread, keeping every result. A program
// that keeps compiled rules in memory (perfeval serve) calls it with a copy
// of the sources the rules were compiled from, as scoring's messages point
// into them; texts that the data's messages point into are added.
RunResults score_all(const RuleSet& rules, DataReader& reader, const ScoreOptions& scoring,
                     SourceManager& sources);

}  // namespace perfeval
