#pragma once

// Loading from disk: a rules folder into a compiled Program, and the list of
// data files to score.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perfeval/lang/checker.hpp"
#include "perfeval/lang/parser.hpp"
#include "perfeval/runtime/program.hpp"

namespace perfeval {

struct RuleSet {
  CheckedRules rules;
  Program program;
  std::size_t file_count = 0;
  std::size_t unreadable_files = 0;  // left out for a syntax error or a read error
};

// Every file under `path` whose name ends in `extension` — `path` itself when
// it is a file — in a fixed order (by path), so results never depend on the
// order a folder lists its entries. A path that does not exist is reported.
std::vector<std::filesystem::path> find_files(const std::filesystem::path& path,
                                              std::string_view extension, DiagnosticSink& sink);

// The same for several extensions (".json" and ".jsonl").
std::vector<std::filesystem::path> find_files(const std::filesystem::path& path,
                                              const std::vector<std::string_view>& extensions,
                                              DiagnosticSink& sink);

// Whether `path` is a regular file that exists; a broken link, a pipe, a
// folder or a file that vanished is reported. (Opening a pipe would wait
// for a writer for ever.)
bool is_readable_file(const std::filesystem::path& path, DiagnosticSink& sink);

// Reads a whole file; a file that cannot be read, or is larger than
// `max_bytes`, is reported and gives nullopt.
std::optional<std::string> read_file_text(const std::filesystem::path& path, DiagnosticSink& sink,
                                          std::size_t max_bytes);

// Reads a whole file into `sources`; a file that cannot be read, or is larger
// than `max_bytes`, is reported and gives nullopt.
std::optional<FileId> read_source(const std::filesystem::path& path, SourceManager& sources,
                                  DiagnosticSink& sink, std::size_t max_bytes);

// Parses, checks and compiles every *.perf file under `path`, and the files
// their `use` statements name (each once, wherever it is reached from). A
// file with a syntax error is left out and reported; the rest is still checked.
// The files of a folder are parsed on up to `jobs` threads; the result and
// the messages are the same for any number.
RuleSet load_rules(const std::filesystem::path& path, SourceManager& sources, DiagnosticSink& sink,
                   const ParseLimits& limits = {}, const CheckOptions& checks = {},
                   unsigned jobs = 1);

// Parses, checks and compiles rule text already in `sources`, as a program
// that keeps its rules in memory would; a file with a syntax error is left
// out (counted in unreadable_files) and reported. Text whose name is the
// path of a rule file may `use` others, which are added to `sources`; other
// text may not.
RuleSet compile_rule_sources(const std::vector<FileId>& ids, SourceManager& sources,
                             DiagnosticSink& sink, const ParseLimits& limits = {},
                             const CheckOptions& checks = {});

// The same over several files or folders read as one whole (`perfeval test`
// reads the rules folder and the test folder's own project types).
RuleSet load_rules(const std::vector<std::filesystem::path>& paths, SourceManager& sources,
                   DiagnosticSink& sink, const ParseLimits& limits = {},
                   const CheckOptions& checks = {}, unsigned jobs = 1);

}  // namespace perfeval
