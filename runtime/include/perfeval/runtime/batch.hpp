#pragma once

// Scoring a stream of tables: whole folders of data files, JSON Lines files
// with one table per line, and standard input, on N threads, with results
// handed on in input order whatever N is, and memory bounded by the number
// of tables in flight rather than the number read.
//
// Reading and handing on happen on the calling thread; workers load (with
// the bulk loader, falling back to the reference loader for anything it
// declines) and score. A consumer decides what a scored table becomes: a
// line of output for a stream, or a result kept for a whole-run report.

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace perfeval {

// What a folder among the DATA arguments is searched for: data files, JSON
// Lines files and Excel workbooks.
const std::vector<std::string_view>& data_file_extensions();

// Whether `path` names an Excel workbook (.xlsx, in any case).
bool is_workbook(const std::filesystem::path& path);

// Whether `path` names a JSON Lines file, a table a line (.jsonl, in any
// case); any other data file holds one table.
bool is_json_lines(const std::filesystem::path& path);

// Whether `path` ends in one of data_file_extensions(), in any case: a name
// perfeval would read as data.
bool has_data_extension(const std::filesystem::path& path);

// A data file held in memory (one a browser sent): its name tells what it
// is, as a file's does (.xlsx, .jsonl, else one JSON table), and names it
// in results and messages.
struct DataInMemory {
  std::string name;
  std::string bytes;
};

// One table as it came in: a whole .json file, or one line of a JSON Lines
// file or of standard input; or an Excel workbook, whose sheets the worker
// that reads it makes into tables.
struct DataRecord {
  std::string label;       // in results and messages: "examples/x.json", "big.jsonl:17"
  std::string file;        // the file, for line and column: "big.jsonl", "<stdin>"
  std::uint32_t line = 1;  // the line of `file` the text starts on
  std::string_view text;   // into its batch's buffer, with padding after it
  std::size_t offset = 0;  // of `text` in the buffer
  // Set when the record could not be read (a file too large, a line too
  // long, a file that vanished); `text` is then empty.
  std::optional<Diagnostic> read_error;
  bool workbook = false;  // `text` is the bytes of an .xlsx file
};

// A run of consecutive records with the bytes they point into, followed by
// FastDataLoader::kPadding bytes so that each record can be read in place.
struct DataBatch {
  std::string buffer;
  std::vector<DataRecord> records;
  // The records of the batch before, kept only so that the next records
  // reuse their strings' storage.
  std::vector<DataRecord> spare;
};

// The DATA arguments, read in order: a folder gives every *.json, *.jsonl
// and *.xlsx file under it (by path); a file ending in .jsonl, and "-"
// (standard input), give one table per non-blank line; a file ending in
// .xlsx one table per sheet that holds one; any other file is one table.
class DataReader {
 public:
  // Paths that do not exist are reported to `sink` here, once.
  DataReader(const std::vector<std::filesystem::path>& inputs, std::size_t max_record_bytes,
             DiagnosticSink& sink);
  // The same over files held in memory, which must outlive the reader; no
  // path reaches the file system.
  DataReader(const std::vector<DataInMemory>& files, std::size_t max_record_bytes);
  ~DataReader();
  DataReader(const DataReader&) = delete;
  DataReader& operator=(const DataReader&) = delete;

  // Replaces `batch` with the next records, about `target_bytes` of text or
  // `max_records` records; false when every input is used up.
  bool next(DataBatch& batch, std::size_t target_bytes = 256 * 1024, std::size_t max_records = 256);

  // How many tables there are when that is known in advance (only plain
  // files, no JSON Lines): for a progress indicator.
  std::optional<std::size_t> known_total() const { return known_total_; }

  // Labels each line of JSON Lines with its input's name alone ("-"), and
  // places problems by their column within the line: what a line gives
  // then depends on the line only, not on where a split put it
  // (`perfeval --filter`, docs/at-scale.md).
  void label_lines_without_position() { positionless_ = true; }

 private:
  struct Input {
    std::filesystem::path path;
    bool lines = false;  // JSON Lines
    bool standard_input = false;
    bool workbook = false;               // .xlsx
    const std::string* bytes = nullptr;  // held in memory: no file is read
  };
  void open_next_lines_input();
  bool read_lines(DataBatch& batch, std::size_t& bytes, std::size_t target_bytes,
                  std::size_t max_records);
  DataRecord line_error(std::uint32_t line) const;
  static DataRecord recycled_record(DataBatch& batch);
  void add_file_record(const Input& input, DataBatch& batch, std::size_t& bytes);

  std::vector<Input> inputs_;
  std::size_t next_input_ = 0;
  std::size_t max_record_bytes_;
  std::optional<std::size_t> known_total_;

  // The JSON Lines input being read, if any.
  std::FILE* stream_ = nullptr;
  bool owns_stream_ = false;
  std::string stream_name_;
  std::uint32_t stream_line_ = 0;
  bool positionless_ = false;
  std::string carry_;  // the start of a line, read with the previous batch
  bool stream_done_ = false;
  bool skipping_long_line_ = false;
  std::optional<Diagnostic> stream_error_;  // the JSON Lines file could not be opened
};

// What a worker made of one record.
struct RecordOutcome {
  const DataRecord& record;
  // The scored table; null when it could not be read or its project type is
  // unknown. The consumer may move from it.
  ProjectResult* result;
  // From reading the table: where they have a place, it is in
  // `record_sources` (the record's own text, set only when the reference
  // loader read it).
  std::span<const Diagnostic> load_diagnostics;
  const SourceManager* record_sources;
  // From scoring: places are in the rule files.
  std::span<const Diagnostic> score_diagnostics;
};

// What a run of tables adds up to, for a summary.
struct BatchTotals {
  std::size_t tables = 0;  // records read, scored or not
  std::size_t scored = 0;  // tables with a total
  std::size_t indicators = 0;
  std::size_t differences = 0;
  std::size_t explanations_missing = 0;
  std::map<std::string, std::size_t> bands;
  bool errors = false;  // a problem was reported

  void add(const ProjectResult* result);  // null: a table that could not be scored
  BatchTotals& operator+=(const BatchTotals& other);
};

// Output of one batch, kept until its turn comes.
struct BatchChunk {
  std::string out;  // for standard output
  std::string err;  // for standard error
  std::vector<ProjectResult> results;
  std::vector<Diagnostic> diagnostics;
  // Record texts that kept diagnostics point into, by index into
  // `diagnostics`: added to the run's sources when the chunk is handed on.
  struct Text {
    std::string name;
    std::string text;
    std::uint32_t first_line;
    std::vector<std::size_t> diagnostics;
  };
  std::vector<Text> texts;
  // Names a text summary line cut short, and where the cut text stands in
  // `out`: the writer, seeing every line in order, keeps two different
  // names from showing alike.
  struct CutName {
    std::size_t at;
    std::size_t length;
    std::string name;
  };
  std::vector<CutName> cut_names;
  BatchTotals totals;  // filled by the workers, before the consumer takes a record
  void clear();
};

class BatchConsumer {
 public:
  virtual ~BatchConsumer() = default;
  // On a worker thread, record by record; calls for different chunks may
  // run at the same time, so this must only touch `chunk`.
  virtual void take(RecordOutcome& outcome, BatchChunk& chunk) const = 0;
  // On the calling thread, chunk by chunk in input order.
  virtual void hand_on(BatchChunk& chunk) = 0;
};

struct BatchOptions {
  unsigned jobs = 1;     // worker threads; 1 scores on the calling thread
  ScoreOptions scoring;  // with keep_text off, the loader skips that text too
  // Called on the calling thread after each chunk with how many tables are
  // done and how many there are (when known).
  std::function<void(std::size_t done, std::optional<std::size_t> total)> progress;
};

// Scores everything `reader` gives against `rules`, handing each batch's
// chunk to `consumer` in input order.
void score_batches(const RuleSet& rules, DataReader& reader, BatchConsumer& consumer,
                   const BatchOptions& options);

}  // namespace perfeval
