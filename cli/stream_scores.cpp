// perfeval RULES DATA... for batches: results written as they are scored.

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/report_stream.hpp"

namespace perfeval::cli {

std::optional<std::size_t> count_tables(const std::vector<std::string>& data) {
  DiagnosticSink ignored;  // missing paths are reported when they are read
  std::size_t count = 0;
  for (const auto& path : data) {
    if (path == "-") {
      return std::nullopt;
    }
    for (const auto& file :
         find_files(path, std::vector<std::string_view>{".json", ".jsonl"}, ignored)) {
      if (file.extension() == ".jsonl") {
        return std::nullopt;
      }
      ++count;
    }
  }
  return count;
}

int stream_scores(const StreamRequest& request) {
  const bool zh = request.text.lang == Lang::zh;
  SourceManager sources;
  DiagnosticSink sink;
  const RuleSet rules = load_rules(request.rules, sources, sink);
  const auto report_now = [&] {
    for (const auto& d : sink.all()) {
      std::cerr << render(d, sources, request.text.lang) << "\n";
    }
    sink.clear();
  };
  bool errors = sink.has_errors();
  report_now();
  if (rules.file_count == 0) {
    return kFileProblem;
  }

  const std::vector<std::filesystem::path> data(request.data.begin(), request.data.end());
  DataReader reader(data, request.max_data_bytes, sink);
  errors |= sink.has_errors();
  report_now();

  const auto score_into = [&](std::FILE* out, const TextOptions& text) {
    StreamWriter writer(request.format == "jsonl" ? StreamFormat::jsonl : StreamFormat::text,
                        sources, text, out, stderr);
    BatchOptions options;
    options.jobs = request.jobs;
    // Lines and JSON Lines show figures only: text for reports is not copied.
    options.scoring.keep_text = false;
    options.progress = request.progress;
    score_batches(rules, reader, writer, options);
    writer.finish();
    errors |= writer.any_error();
  };

  if (request.output.empty()) {
    score_into(stdout, request.text);
    return errors ? kFileProblem : kOk;
  }
  std::vector<std::string> inputs = request.data;
  inputs.push_back(request.rules);
  if (refuse_to_overwrite_input(request.output, inputs, request.text.lang)) {
    return kUsage;
  }
  try {
    write_file_atomically(request.output, [&](const std::filesystem::path& temp) {
      std::FILE* out = std::fopen(temp.c_str(), "wb");
      if (!out) {
        throw std::runtime_error(request.output + (zh ? ": 无法写入" : ": cannot be written"));
      }
      TextOptions plain = request.text;
      plain.color = false;  // files never get terminal colours
      score_into(out, plain);
      const bool failed = std::ferror(out) != 0;
      if (std::fclose(out) != 0 || failed) {
        throw std::runtime_error(request.output + (zh ? ": 写入失败（磁盘已满？）"
                                                      : ": writing failed (is the disk full?)"));
      }
    });
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return kFileProblem;
  }
  return errors ? kFileProblem : kOk;
}

}  // namespace perfeval::cli
