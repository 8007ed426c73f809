#pragma once

// Results written as they come, for batches too large to hold: JSON Lines
// (one scored table per line, then a summary line) or the terminal summary
// (one line per table, then the totals). Problems go to the error stream as
// they are met, each with its place.

#include <cstdio>
#include <map>
#include <string>

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/report.hpp"

namespace perfeval {

enum class StreamFormat { jsonl, text };

class StreamWriter : public BatchConsumer {
 public:
  // `rule_sources` resolves the places of problems met while scoring.
  StreamWriter(StreamFormat format, const SourceManager& rule_sources, const TextOptions& options,
               std::FILE* out, std::FILE* err);

  void take(RecordOutcome& outcome, BatchChunk& chunk) const override;
  void hand_on(BatchChunk& chunk) override;

  // Writes the summary line or the totals; call once, after score_batches.
  void finish();
  // finish() then writes nothing: one line out for each line in.
  void without_summary() { summary_ = false; }

  bool any_error() const { return totals_.errors; }

 private:
  StreamFormat format_;
  const SourceManager& rule_sources_;
  TextOptions options_;
  std::FILE* out_;
  std::FILE* err_;
  bool heading_written_ = false;
  // A summary line's cut name, and the name it was cut from: another name
  // cut alike is shown otherwise. Names that fit are not kept.
  std::map<std::string, std::string, std::less<>> cut_names_;
  void tell_cut_names_apart(BatchChunk& chunk);
  bool summary_ = true;
  BatchTotals totals_;  // the run so far
};

// One scored table as a JSON Lines line (without the line end), appended to
// `out`. `errors` are the problems met with this table, one line each.
void append_jsonl_project(std::string& out, const ProjectResult& project,
                          const std::vector<std::string>& errors);
// A table that could not be scored: its label, its project type if known.
void append_jsonl_failure(std::string& out, std::string_view label, std::string_view project,
                          const std::vector<std::string>& errors);

}  // namespace perfeval
