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

  for (const auto& root : options.data) {
    for (const auto& path : find_files(root, ".json", sink)) {
      ++results.data_files;
      const auto id = read_source(path, sources, sink, options.max_data_bytes);
      const auto data = id ? load_project_data(*id, sources, sink) : std::nullopt;
      auto result =
          data ? score_project(rules.program, *data, sink, options.scoring) : std::nullopt;
      if (result && !options.check_only) {
        results.projects.push_back(std::move(*result));
      }
    }
  }
  results.diagnostics = sink.all();
  return results;
}

}  // namespace perfeval
