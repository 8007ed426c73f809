// DataReader: the DATA arguments as one stream of records.

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/internal/data_fast.hpp"

namespace perfeval {
namespace {

// Reads are about a batch long, so that little is left over to move on to
// the next batch, and never tiny.
constexpr std::size_t kMinRead = 16 * 1024;

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string lowercase_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return extension;
}

}  // namespace

const std::vector<std::string_view>& data_file_extensions() {
  static const std::vector<std::string_view> kExtensions = {".json", ".jsonl", ".xlsx"};
  return kExtensions;
}

bool is_workbook(const std::filesystem::path& path) {
  return lowercase_extension(path) == ".xlsx";
}

bool is_json_lines(const std::filesystem::path& path) {
  return lowercase_extension(path) == ".jsonl";
}

bool has_data_extension(const std::filesystem::path& path) {
  const std::string extension = lowercase_extension(path);
  const auto& known = data_file_extensions();
  return std::find(known.begin(), known.end(), extension) != known.end();
}

DataReader::DataReader(const std::vector<std::filesystem::path>& inputs,
                       std::size_t max_record_bytes, DiagnosticSink& sink)
    : max_record_bytes_(max_record_bytes) {
  std::size_t files = 0;
  bool any_lines = false;
  std::vector<std::filesystem::path> empty_folders;
  for (const auto& path : inputs) {
    if (path == "-") {
      inputs_.push_back({path, true, true});
      any_lines = true;
      continue;
    }
    const std::size_t problems = sink.all().size();
    auto found_files = find_files(path, data_file_extensions(), sink);
    if (found_files.empty() && sink.all().size() == problems) {
      empty_folders.push_back(path);
    }
    for (auto& found : found_files) {
      const bool lines = is_json_lines(found);
      const bool workbook = is_workbook(found);
      if (workbook && found != path && found.filename().string().starts_with("~$")) {
        continue;  // the lock file Excel keeps beside a workbook it has open
      }
      // A workbook's tables are not counted before it is opened.
      any_lines |= lines || workbook;
      files += lines ? 0 : 1;
      inputs_.push_back({std::move(found), lines, false, workbook});
    }
  }
  // A folder with no data is said, never passed over in silence: a warning
  // beside other data, an error when there is no data at all.
  for (const auto& folder : empty_folders) {
    sink.report({inputs_.empty() ? Severity::error : Severity::warning,
                 "no-data-files",
                 std::nullopt,
                 folder.string(),
                 {},
                 {}});
  }
  if (!any_lines) {
    known_total_ = files;
  }
}

DataReader::DataReader(const std::vector<DataInMemory>& files, std::size_t max_record_bytes)
    : max_record_bytes_(max_record_bytes) {
  bool any_lines = false;
  for (const DataInMemory& file : files) {
    const std::filesystem::path name(file.name);
    Input input{name, is_json_lines(name), false, is_workbook(name), &file.bytes};
    any_lines |= input.lines || input.workbook;
    inputs_.push_back(std::move(input));
  }
  if (!any_lines) {
    known_total_ = inputs_.size();
  }
}

DataReader::~DataReader() {
  if (stream_ && owns_stream_) {
    std::fclose(stream_);
  }
}

// A record for the next line, empty, with the storage of one the batch
// held before: a million lines then take no million labels' allocations.
DataRecord DataReader::recycled_record(DataBatch& batch) {
  if (batch.spare.empty()) {
    return {};
  }
  DataRecord record = std::move(batch.spare.back());
  batch.spare.pop_back();
  record.label.clear();
  record.file.clear();
  record.line = 1;
  record.text = {};
  record.offset = 0;
  record.read_error.reset();
  record.workbook = false;
  return record;
}

void DataReader::add_file_record(const Input& input, DataBatch& batch, std::size_t& bytes) {
  DataRecord record;
  record.label = input.path.string();
  record.file = record.label;
  record.workbook = input.workbook;
  DiagnosticSink sink;
  std::optional<std::string> text;
  if (!input.bytes) {
    text = read_file_text(input.path, sink, max_record_bytes_);
  } else if (input.bytes->size() > max_record_bytes_) {
    sink.report({Severity::error,
                 "file-too-large",
                 std::nullopt,
                 record.label,
                 {std::to_string(input.bytes->size()), std::to_string(max_record_bytes_)},
                 {}});
  } else {
    text = *input.bytes;
  }
  if (!text) {
    record.read_error = sink.all().front();
  } else {
    // Offsets for now: the buffer may still move as it grows.
    record.text = std::string_view(nullptr, text->size());
    record.offset = batch.buffer.size();
    batch.buffer += *text;
    bytes += text->size();
  }
  batch.records.push_back(std::move(record));
}

void DataReader::open_next_lines_input() {
  const Input& input = inputs_[next_input_];
  stream_done_ = false;
  stream_line_ = 0;
  carry_.clear();
  skipping_long_line_ = false;
  if (input.standard_input) {
    stream_ = stdin;
    owns_stream_ = false;
    stream_name_ = positionless_ ? "-" : "<stdin>";
    return;
  }
  stream_name_ = input.path.string();
  if (input.bytes) {
    // Lines held in memory are read as a file's are, through a stream over
    // them; fmemopen takes no empty buffer, and an empty file has no lines.
    stream_ = input.bytes->empty()
                  ? nullptr
                  : fmemopen(const_cast<char*>(input.bytes->data()), input.bytes->size(), "rb");
    owns_stream_ = true;
    if (!stream_ && !input.bytes->empty()) {
      stream_error_ =
          Diagnostic{Severity::error, "file-unreadable", std::nullopt, stream_name_, {}, {}};
    }
    return;
  }
  // The checks made for a whole file (a pipe in a folder, a broken link);
  // there is no size limit, as the file is read line by line.
  DiagnosticSink sink;
  if (!is_readable_file(input.path, sink)) {
    stream_error_ = sink.all().front();
    return;
  }
  stream_ = std::fopen(input.path.c_str(), "rb");
  owns_stream_ = true;
  if (!stream_) {
    stream_error_ =
        Diagnostic{Severity::error, "file-unreadable", std::nullopt, stream_name_, {}, {}};
  }
}

// Cuts lines of the open JSON Lines input into records. Blocks are read
// straight into the batch's buffer, so a line is never copied; the part of
// a line a block cuts off moves on to the next batch. Returns true when the
// batch is full, false when the input is used up.
bool DataReader::read_lines(DataBatch& batch, std::size_t& bytes, std::size_t target_bytes,
                            std::size_t max_records) {
  std::string& buffer = batch.buffer;
  std::size_t scan = buffer.size();  // the first byte not yet cut into a line
  buffer += carry_;
  carry_.clear();
  const auto take_line = [&](std::size_t end) {
    const std::string_view line(buffer.data() + scan, end - scan);
    const std::size_t begin = scan;
    scan = std::min(end + 1, buffer.size());
    ++stream_line_;
    if (skipping_long_line_) {
      skipping_long_line_ = false;  // the end of a line already reported
      return;
    }
    if (blank(line)) {
      return;
    }
    if (line.size() > max_record_bytes_) {
      batch.records.push_back(line_error(stream_line_));
      return;
    }
    DataRecord record = recycled_record(batch);
    record.file.assign(stream_name_);
    if (positionless_) {
      record.line = 1;
      record.label.assign(stream_name_);
    } else {
      record.line = stream_line_;
      fmt::format_to(std::back_inserter(record.label), "{}:{}", stream_name_, stream_line_);
    }
    record.offset = begin;
    record.text = std::string_view(nullptr, line.size());
    bytes += line.size();
    batch.records.push_back(std::move(record));
  };
  while (true) {
    for (std::size_t end; (end = buffer.find('\n', scan)) != std::string::npos;) {
      take_line(end);
      if (bytes >= target_bytes || batch.records.size() >= max_records) {
        carry_.assign(buffer, scan);
        buffer.resize(scan);
        return true;
      }
    }
    if (stream_done_) {
      if (scan < buffer.size()) {
        take_line(buffer.size());  // the last line has no line end
      }
      buffer.resize(scan);
      return false;
    }
    if (buffer.size() - scan > max_record_bytes_) {
      // A line longer than any table: report it once, drop what has been
      // read of it, and skip on to its end.
      if (!skipping_long_line_) {
        batch.records.push_back(line_error(stream_line_ + 1));
        skipping_long_line_ = true;
      }
      buffer.resize(scan);
    }
    const std::size_t old = buffer.size();
    const std::size_t want = std::max(kMinRead, target_bytes - std::min(target_bytes, bytes));
    std::size_t got = 0;
    buffer.resize_and_overwrite(old + want, [&](char* room, std::size_t) {
      got = std::fread(room + old, 1, want, stream_);
      return old + got;
    });
    stream_done_ = got == 0;
  }
}

DataRecord DataReader::line_error(std::uint32_t line) const {
  DataRecord record;
  record.file = stream_name_;
  record.line = positionless_ ? 1 : line;
  record.label = positionless_ ? stream_name_ : fmt::format("{}:{}", stream_name_, line);
  record.read_error = Diagnostic{Severity::error,
                                 "data-line-too-long",
                                 std::nullopt,
                                 record.label,
                                 {std::to_string(max_record_bytes_)},
                                 {}};
  return record;
}

bool DataReader::next(DataBatch& batch, std::size_t target_bytes, std::size_t max_records) {
  batch.buffer.clear();
  std::move(batch.records.begin(), batch.records.end(), std::back_inserter(batch.spare));
  batch.records.clear();
  std::size_t bytes = 0;
  while (bytes < target_bytes && batch.records.size() < max_records) {
    if (stream_) {
      if (read_lines(batch, bytes, target_bytes, max_records)) {
        continue;
      }
      if (owns_stream_) {
        std::fclose(stream_);
      }
      stream_ = nullptr;
      continue;
    }
    if (stream_error_) {
      DataRecord record;
      record.label = stream_name_;
      record.file = stream_name_;
      record.read_error = std::move(*stream_error_);
      stream_error_.reset();
      batch.records.push_back(std::move(record));
      continue;
    }
    if (next_input_ == inputs_.size()) {
      break;
    }
    const Input& input = inputs_[next_input_];
    if (input.lines) {
      open_next_lines_input();
      ++next_input_;
      continue;
    }
    add_file_record(input, batch, bytes);
    ++next_input_;
  }
  // Now that the buffer has stopped growing, pad it and point the records
  // into it.
  batch.buffer.append(FastDataLoader::kPadding, ' ');
  for (auto& record : batch.records) {
    if (!record.read_error) {
      record.text = std::string_view(batch.buffer.data() + record.offset, record.text.size());
    }
  }
  return !batch.records.empty();
}

}  // namespace perfeval
