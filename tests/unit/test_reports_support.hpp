#pragma once

// Shared by the report-format tests: the seed examples scored once with the
// shipped rules, their JSON report, a table whose names need escaping in
// every format, and small readers for what the writers produce.

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "perfeval/runtime/report_formats.hpp"
#include "perfeval/runtime/run.hpp"

namespace perfeval::test {

struct SeedRun {
  SourceManager sources;
  RunResults results;
  nlohmann::json json;  // to_json of the same results: the reference figures
};

// rules/ + examples/, run from the source folder so file names are relative.
inline const SeedRun& seed_run() {
  static const SeedRun* const seed = [] {
    auto* s = new SeedRun;
    const std::filesystem::path previous = std::filesystem::current_path();
    std::filesystem::current_path(PERFEVAL_SOURCE_DIR);
    RunOptions options;
    options.rules = "rules";
    options.data = {"examples"};
    s->results = run(options, s->sources);
    std::filesystem::current_path(previous);
    s->json = to_json(s->results, s->sources, Lang::zh);
    return s;
  }();
  return *seed;
}

// How many times `what` occurs in `text`.
inline std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

inline const ProjectResult& seed_project(const std::string& file) {
  for (const auto& p : seed_run().results.projects) {
    if (p.file == file) {
      return p;
    }
  }
  throw std::runtime_error("no seed table " + file);
}

// The 州人社局尾款项目 table with names full of characters every format must
// escape: quotes, commas, markup, a table bar, a line break.
inline RunResults tricky_results() {
  RunResults results;
  ProjectResult p = seed_project("examples/weikuan.json");
  p.project = "A \"quoted\", <b>bold</b> & 'x' | y\nz";
  p.department = "<script>alert(1)</script>";
  p.indicators.front().name = "rate | <i>score</i>, \"100%\"";
  p.indicators.front().explanation = "line one\r\nline two, with \"quotes\"";
  results.projects.push_back(std::move(p));
  results.data_files = 1;
  return results;
}

template <typename Writer>
std::string written(Writer writer, const RunResults& results, Lang lang = Lang::zh) {
  std::ostringstream out;
  writer(out, results, FormatOptions{lang});
  return out.str();
}

// Output of a shell command (stdout only).
inline std::string command_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return out;
  }
  std::array<char, 4096> buffer{};
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    out.append(buffer.data(), n);
  }
  pclose(pipe);
  return out;
}

// A file in the temporary folder, named per process (CTest runs test cases
// in parallel) and removed afterwards.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("perfeval-" + std::to_string(getpid()) + "-" + name)) {}
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

// One member of a zip archive (an .xlsx is one), through Debian's unzip.
inline std::string unzip_member(const std::filesystem::path& archive, const std::string& member) {
  return command_output("unzip -p '" + archive.string() + "' '" + member + "' 2>/dev/null");
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line
// breaks; records end with CRLF.
inline std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      records.back().push_back(field);
      field.clear();
      field_started = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(field);
      field.clear();
      field_started = false;
      records.emplace_back();
      ++i;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !records.back().empty()) {
    records.back().push_back(field);
  } else {
    records.pop_back();
  }
  return records;
}

}  // namespace perfeval::test
