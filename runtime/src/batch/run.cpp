#include "perfeval/runtime/run.hpp"

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/rule_lint.hpp"

namespace perfeval {
namespace {

// Keeps every result and diagnostic for a report of the whole run. Record
// texts that diagnostics point into join the run's sources, in input order.
class KeepResults : public BatchConsumer {
 public:
  KeepResults(RunResults& results, SourceManager& sources, DiagnosticSink& sink, bool keep)
      : results_(results), sources_(sources), sink_(sink), keep_(keep) {}

  void take(RecordOutcome& outcome, BatchChunk& chunk) const override {
    if (outcome.result && keep_) {
      chunk.results.push_back(std::move(*outcome.result));
    }
    BatchChunk::Text* text = nullptr;
    for (const Diagnostic& d : outcome.load_diagnostics) {
      if (d.range && outcome.record_sources) {
        if (!text) {
          const Source& source = outcome.record_sources->get(d.range->file);
          text = &chunk.texts.emplace_back(
              BatchChunk::Text{source.name(), source.text(), outcome.record.line, {}});
        }
        text->diagnostics.push_back(chunk.diagnostics.size());
      }
      chunk.diagnostics.push_back(d);
    }
    chunk.diagnostics.insert(chunk.diagnostics.end(), outcome.score_diagnostics.begin(),
                             outcome.score_diagnostics.end());
  }

  void hand_on(BatchChunk& chunk) override {
    results_.data_files += chunk.totals.tables;
    for (auto& result : chunk.results) {
      results_.projects.push_back(std::move(result));
    }
    for (auto& text : chunk.texts) {
      const FileId id = sources_.add(std::move(text.name), std::move(text.text), text.first_line);
      for (const std::size_t k : text.diagnostics) {
        chunk.diagnostics[k].range->file = id;
      }
    }
    for (auto& d : chunk.diagnostics) {
      sink_.report(std::move(d));
    }
  }

 private:
  RunResults& results_;
  SourceManager& sources_;
  DiagnosticSink& sink_;
  bool keep_;
};

}  // namespace

RunResults score_all(const RuleSet& rules, DataReader& reader, const ScoreOptions& scoring,
                     SourceManager& sources) {
  RunResults results;
  DiagnosticSink sink;
  results.rule_files = rules.file_count;
  KeepResults keep(results, sources, sink, true);
  BatchOptions batch;
  batch.scoring = scoring;
  score_batches(rules, reader, keep, batch);
  results.diagnostics = sink.all();
  return results;
}

RunResults run(const RunOptions& options, SourceManager& sources) {
  RunResults results;
  DiagnosticSink sink;
  const RuleSet rules = load_rules(options.rules, sources, sink, options.limits,
                                   CheckOptions{.warn_unused = options.check_only}, options.jobs);
  if (options.check_only) {
    lint_rules(rules.program, sink);
  }
  results.rule_files = rules.file_count;
  if (rules.file_count == 0) {
    // Without rules every data file would fail the same way; say it once.
    results.diagnostics = sink.all();
    return results;
  }

  DataReader reader(options.data, options.max_data_bytes, sink);
  KeepResults keep(results, sources, sink, !options.check_only);
  BatchOptions batch;
  batch.jobs = options.jobs;
  batch.scoring = options.scoring;
  if (options.progress) {
    batch.progress = [&](std::size_t done, std::optional<std::size_t> total) {
      options.progress(done, total.value_or(0));
    };
  }
  score_batches(rules, reader, keep, batch);
  results.diagnostics = sink.all();
  return results;
}

}  // namespace perfeval
