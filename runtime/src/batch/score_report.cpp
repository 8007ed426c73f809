// score_and_report: one call for perfeval RULES DATA..., whichever way the
// results are written.

#include "perfeval/runtime/score_report.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "perfeval/runtime/batch.hpp"
#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/report_formats.hpp"
#include "perfeval/runtime/report_stream.hpp"
#include "perfeval/runtime/run.hpp"
#include "perfeval/runtime/words.hpp"

namespace perfeval {
namespace {

// How many tables the DATA arguments hold, when that is known without
// reading them (no JSON Lines, no standard input). A workbook counts as one:
// near enough to choose how to show the results.
std::optional<std::size_t> count_tables(const std::vector<std::filesystem::path>& data) {
  DiagnosticSink ignored;  // missing paths are reported when they are read
  std::size_t count = 0;
  for (const auto& path : data) {
    if (path == "-") {
      return std::nullopt;
    }
    for (const auto& file : find_files(path, data_file_extensions(), ignored)) {
      if (is_json_lines(file)) {
        return std::nullopt;
      }
      ++count;
    }
  }
  return count;
}

TextOptions for_file(TextOptions text) {
  text.color = false;  // files never get terminal colours
  return text;
}

bool report_whole_run(const ScoreReport& report) {
  if (report.format == "xlsx" && report.output.empty()) {
    throw std::invalid_argument("an Excel workbook is written to a file, not standard output");
  }
  RunOptions options;
  options.rules = report.rules;
  options.data = report.data;
  options.max_data_bytes = report.max_data_bytes;
  options.jobs = report.jobs;
  options.scoring.lang = report.text.lang;
  options.scoring.policy = report.policy;
  if (report.progress) {
    options.progress = [&](std::size_t done, std::size_t total) {
      report.progress(done, total == 0 ? std::nullopt : std::optional<std::size_t>(total));
    };
  }
  SourceManager sources;
  const RunResults results = run(options, sources);
  bool errors = false;
  for (const auto& d : results.diagnostics) {
    errors |= d.severity == Severity::error;
    if (d.severity == Severity::error || report.text.warnings) {
      std::cerr << render(d, sources, report.text.lang) << "\n";
    }
  }
  if (report.progress_end) {
    report.progress_end();
  }

  if (report.output.empty()) {
    write_document(std::cout, results, sources, report.format, report.text);
  } else if (report.format == "xlsx") {
    write_file_atomically(report.output, [&](const std::filesystem::path& temp) {
      write_xlsx(temp, results, FormatOptions{report.text.lang});
    });
  } else {
    write_text_atomically(report.output, [&](std::ostream& out) {
      write_document(out, results, sources, report.format, for_file(report.text));
    });
  }
  return errors;
}

// Calls `end` when it goes out of scope, whichever way.
struct AtEnd {
  const std::function<void()>& end;
  ~AtEnd() {
    if (end) {
      end();
    }
  }
};

bool report_as_stream(const ScoreReport& report) {
  const AtEnd progress_ends{report.progress_end};
  const Lang lang = report.text.lang;
  SourceManager sources;
  DiagnosticSink sink;
  const RuleSet rules = load_rules(report.rules, sources, sink, {}, {}, report.jobs);
  const auto report_now = [&] {
    for (const auto& d : sink.all()) {
      if (d.severity == Severity::error || report.text.warnings) {
        std::cerr << render(d, sources, report.text.lang) << "\n";
      }
    }
    sink.clear();
  };
  bool errors = sink.has_errors();
  report_now();
  if (rules.file_count == 0) {
    return true;
  }

  DataReader reader(report.data, report.max_data_bytes, sink);
  if (report.filter) {
    reader.label_lines_without_position();
  }
  errors |= sink.has_errors();
  report_now();

  const auto score_into = [&](std::FILE* out, const TextOptions& text) {
    StreamWriter writer(report.format == "jsonl" ? StreamFormat::jsonl : StreamFormat::text,
                        sources, text, out, stderr);
    if (report.filter) {
      writer.without_summary();
    }
    BatchOptions options;
    options.jobs = report.jobs;
    // Lines and JSON Lines show figures only: text for reports is not copied.
    options.scoring.keep_text = false;
    options.scoring.policy = report.policy;
    options.progress = report.progress;
    score_batches(rules, reader, writer, options);
    writer.finish();
    errors |= writer.any_error();
  };

  if (report.output.empty()) {
    std::cout.flush();  // what went to std::cout before comes first
    score_into(stdout, report.text);
  } else {
    const std::string name = report.output.string();
    write_file_atomically(report.output, [&](const std::filesystem::path& temp) {
      std::FILE* out = std::fopen(temp.c_str(), "wb");
      if (!out) {
        throw std::runtime_error(
            fmt::format(fmt::runtime(term_text(Term::output_cannot_be_written, lang)), name));
      }
      score_into(out, for_file(report.text));
      const bool failed = std::ferror(out) != 0;
      if (std::fclose(out) != 0 || failed) {
        throw std::runtime_error(
            fmt::format(fmt::runtime(term_text(Term::output_write_failed, lang)), name));
      }
    });
  }
  return errors;
}

}  // namespace

bool writes_as_stream(const ScoreReport& report) {
  if (report.format == "jsonl") {
    return true;
  }
  if (report.format != "text") {
    return false;
  }
  const auto count = count_tables(report.data);
  return !count || *count > kTablesShownWhole;
}

void write_document(std::ostream& out, const RunResults& results, const SourceManager& sources,
                    const std::string& format, const TextOptions& text) {
  const FormatOptions options{text.lang};
  if (format == "json") {
    // File names and quoted input may hold bytes that are not UTF-8: shown as U+FFFD.
    out << to_json(results, sources, text.lang)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  } else if (format == "html") {
    write_html(out, results, options);
  } else if (format == "csv") {
    write_csv(out, results, options);
  } else if (format == "md") {
    write_markdown(out, results, options);
  } else {
    write_text(out, results, text);
  }
}

bool score_and_report(const ScoreReport& report) {
  return writes_as_stream(report) ? report_as_stream(report) : report_whole_run(report);
}

}  // namespace perfeval
