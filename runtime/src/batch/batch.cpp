// score_batches: workers load and score, the calling thread reads and hands
// chunks on in input order.

#include "perfeval/runtime/batch.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "perfeval/runtime/internal/data_fast.hpp"
#include "perfeval/runtime/workbook_data.hpp"

namespace perfeval {
namespace {

// What one worker keeps from table to table, so that the usual table
// allocates nothing: the loaders, the data, a table's own indicators
// compiled, and the result.
class Worker {
 public:
  Worker(const RuleSet& rules, const ScoreOptions& options)
      : rules_(rules), options_(options), fast_(options.keep_text) {}

  void process(const DataBatch& batch, BatchChunk& chunk, const BatchConsumer& consumer) {
    chunk.clear();
    for (const DataRecord& record : batch.records) {
      process(record, chunk, consumer);
    }
  }

 private:
  void process(const DataRecord& record, BatchChunk& chunk, const BatchConsumer& consumer) {
    if (record.workbook && !record.read_error) {
      process_workbook(record, chunk, consumer);
      return;
    }
    load_sink_.clear();
    record_sources_.reset();
    const ProjectData* data = nullptr;
    if (record.read_error) {
      load_sink_.report(*record.read_error);
    } else if (fast_.load_padded(record.text, record.label, data_)) {
      data = &data_;
    } else {
      // The reference loader reads what the fast one declined and says
      // what is wrong, with line and column in the file.
      record_sources_.emplace();
      const FileId id = record_sources_->add(record.file, std::string(record.text), record.line);
      slow_data_ = load_project_data(id, *record_sources_, load_sink_, record.label);
      data = slow_data_ ? &*slow_data_ : nullptr;
    }
    score(record, data, chunk, consumer);
  }

  // Each sheet of a workbook that holds a table is a record of its own,
  // labelled "file.xlsx!sheet".
  void process_workbook(const DataRecord& record, BatchChunk& chunk,
                        const BatchConsumer& consumer) {
    record_sources_.reset();
    for (SheetTable& table : load_workbook_tables(record.text, record.label)) {
      DataRecord sheet;
      sheet.label = std::move(table.label);
      sheet.file = record.file;
      sheet.workbook = true;
      load_sink_.clear();
      for (auto& d : table.diagnostics) {
        load_sink_.report(std::move(d));
      }
      score(sheet, table.data ? &*table.data : nullptr, chunk, consumer);
    }
  }

  void score(const DataRecord& record, const ProjectData* data, BatchChunk& chunk,
             const BatchConsumer& consumer) {
    score_sink_.clear();
    if (data && rules_.unreadable_files > 0 && !data->carries_table() &&
        !rules_.program.declares(data->project)) {
      // Not "no such project": it may stand in a rule file that could not be read.
      load_sink_.report({Severity::error,
                         "data-unknown-project-rules-broken",
                         std::nullopt,
                         data->file,
                         {data->project, std::to_string(rules_.unreadable_files)},
                         {}});
      data = nullptr;
    }
    const bool scored =
        data && score_project(rules_.program, *data, result_, table_, score_sink_, options_);
    RecordOutcome outcome{record, scored ? &result_ : nullptr, load_sink_.all(),
                          record_sources_ ? &*record_sources_ : nullptr, score_sink_.all()};
    chunk.totals.add(outcome.result);
    chunk.totals.errors |= load_sink_.has_errors() || score_sink_.has_errors();
    consumer.take(outcome, chunk);
  }

  const RuleSet& rules_;
  const ScoreOptions& options_;
  FastDataLoader fast_;
  ProjectData data_;
  std::optional<ProjectData> slow_data_;
  std::optional<SourceManager> record_sources_;
  ProjectResult result_;
  CarriedTable table_;  // a table's own indicators, compiled
  DiagnosticSink load_sink_;
  DiagnosticSink score_sink_;
};

// A batch on its way through: read, scored, handed on, then used again.
struct Slot {
  DataBatch batch;
  BatchChunk chunk;
  bool done = false;
};

void score_on_this_thread(const RuleSet& rules, DataReader& reader, BatchConsumer& consumer,
                          const BatchOptions& options) {
  Worker worker(rules, options.scoring);
  Slot slot;
  std::size_t done = 0;
  while (reader.next(slot.batch)) {
    worker.process(slot.batch, slot.chunk, consumer);
    done += slot.chunk.totals.tables;
    consumer.hand_on(slot.chunk);
    if (options.progress) {
      options.progress(done, reader.known_total());
    }
  }
}

void score_on_workers(const RuleSet& rules, DataReader& reader, BatchConsumer& consumer,
                      const BatchOptions& options) {
  // Enough batches in flight to keep every worker busy while the calling
  // thread reads and writes; no more, so memory stays flat.
  const std::size_t slots = 2 * static_cast<std::size_t>(options.jobs) + 2;
  std::vector<Slot> ring(slots);
  std::deque<std::size_t> queue;  // filled slots waiting for a worker
  std::mutex mutex;
  std::condition_variable work_ready;
  std::condition_variable chunk_done;
  bool stopping = false;

  std::vector<std::jthread> workers;
  for (unsigned k = 0; k < options.jobs; ++k) {
    workers.emplace_back([&] {
      Worker worker(rules, options.scoring);
      while (true) {
        std::size_t index = 0;
        {
          std::unique_lock lock(mutex);
          work_ready.wait(lock, [&] { return stopping || !queue.empty(); });
          if (queue.empty()) {
            return;
          }
          index = queue.front();
          queue.pop_front();
        }
        worker.process(ring[index].batch, ring[index].chunk, consumer);
        {
          std::lock_guard lock(mutex);
          ring[index].done = true;
        }
        chunk_done.notify_one();
      }
    });
  }

  std::size_t filled = 0;   // batches read so far
  std::size_t handed = 0;   // batches handed on so far
  std::size_t records = 0;  // records handed on so far
  bool exhausted = false;
  std::unique_lock lock(mutex);
  while (true) {
    // Hand on every finished batch whose turn it is.
    while (handed < filled && ring[handed % slots].done) {
      Slot& slot = ring[handed % slots];
      lock.unlock();
      records += slot.chunk.totals.tables;
      consumer.hand_on(slot.chunk);
      if (options.progress) {
        options.progress(records, reader.known_total());
      }
      lock.lock();
      slot.done = false;
      ++handed;
    }
    if (!exhausted && filled - handed < slots) {
      Slot& slot = ring[filled % slots];
      lock.unlock();
      const bool more = reader.next(slot.batch);
      lock.lock();
      if (more) {
        queue.push_back(filled % slots);
        ++filled;
        work_ready.notify_one();
      } else {
        exhausted = true;
      }
      continue;
    }
    if (exhausted && handed == filled) {
      break;
    }
    chunk_done.wait(lock);
  }
  stopping = true;
  lock.unlock();
  work_ready.notify_all();
}

}  // namespace

void BatchTotals::add(const ProjectResult* result) {
  ++tables;
  if (!result) {
    return;
  }
  scored += result->complete ? 1 : 0;
  indicators += result->indicators.size();
  differences += result->differences();
  explanations_missing += result->explanations_missing();
  if (result->band) {
    ++bands[*result->band];
  }
}

BatchTotals& BatchTotals::operator+=(const BatchTotals& other) {
  tables += other.tables;
  scored += other.scored;
  indicators += other.indicators;
  differences += other.differences;
  explanations_missing += other.explanations_missing;
  for (const auto& [band, count] : other.bands) {
    bands[band] += count;
  }
  errors |= other.errors;
  return *this;
}

void BatchChunk::clear() {
  out.clear();
  err.clear();
  results.clear();
  diagnostics.clear();
  texts.clear();
  cut_names.clear();
  totals = BatchTotals{};
}

void score_batches(const RuleSet& rules, DataReader& reader, BatchConsumer& consumer,
                   const BatchOptions& options) {
  if (options.jobs <= 1) {
    score_on_this_thread(rules, reader, consumer, options);
  } else {
    score_on_workers(rules, reader, consumer, options);
  }
}

}  // namespace perfeval
