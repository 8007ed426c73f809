#include "perfeval/runtime/run.hpp"

#include "perfeval/runtime/rule_lint.hpp"

namespace perfeval {

RunResults run(const RunOptions& options, SourceManager& sources) {
  RunResults results;
  DiagnosticSink sink;
  const RuleSet rules = load_rules(options.rules, sources, sink, options.limits,
                                   CheckOptions{.warn_unused = options.check_only});
  if (options.check_only) {
    lint_rules(rules.program, sink);
  }
  results.rule_files = rules.file_count;
  if (rules.file_count == 0) {
    // Without rules every data file would fail the same way; say it once.
    results.diagnostics = sink.all();
    return results;
  }

  std::vector<std::filesystem::path> files;
  for (const auto& root : options.data) {
    const auto found = find_files(root, ".json", sink);
    files.insert(files.end(), found.begin(), found.end());
  }
  for (const auto& path : files) {
    ++results.data_files;
    if (options.progress) {
      options.progress(results.data_files, files.size());
    }
    const auto id = read_source(path, sources, sink, options.max_data_bytes);
    auto data = id ? load_project_data(*id, sources, sink) : std::nullopt;
    if (data && rules.unreadable_files > 0 && !rules.program.find_project(data->project) &&
        !rules.program.is_broken(data->project)) {
      // Not "no such project": it may stand in a rule file that could not be read.
      sink.report({Severity::error,
                   "data-unknown-project-rules-broken",
                   std::nullopt,
                   data->file,
                   {data->project, std::to_string(rules.unreadable_files)},
                   {}});
      data.reset();
    }
    auto result = data ? score_project(rules.program, *data, sink, options.scoring) : std::nullopt;
    if (result && !options.check_only) {
      results.projects.push_back(std::move(*result));
    }
  }
  results.diagnostics = sink.all();
  return results;
}

}  // namespace perfeval
