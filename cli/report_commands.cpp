// audit, explain and check: a whole run, then one report of it.

#include <iostream>

#include "commands.hpp"
#include "perfeval/runtime/run.hpp"

namespace perfeval::cli {
namespace {

// Runs `inputs` whole, problems on standard error; the terminal's progress
// line is gone when it returns.
RunResults run_whole(const Inputs& inputs, const Terminal& terminal, SourceManager& sources,
                     bool explain, bool check_only = false) {
  RunOptions options;
  options.rules = inputs.rules;
  options.jobs = inputs.jobs;
  options.data.assign(inputs.data.begin(), inputs.data.end());
  options.scoring.explain = explain;
  options.scoring.lang = terminal.text.lang;
  options.scoring.policy = inputs.policy;
  options.check_only = check_only;
  if (terminal.progress) {
    options.progress = [&](std::size_t done, std::size_t total) {
      terminal.progress(done, total == 0 ? std::nullopt : std::optional<std::size_t>(total));
    };
  }
  RunResults results = run(options, sources);
  for (const auto& d : results.diagnostics) {
    std::cerr << render(d, sources, terminal.text.lang) << "\n";
  }
  if (terminal.progress) {
    terminal.clear_progress();
  }
  return results;
}

bool any_error(const RunResults& results) {
  return std::any_of(results.diagnostics.begin(), results.diagnostics.end(),
                     [](const auto& d) { return d.severity == Severity::error; });
}

}  // namespace

int audit(const AuditArgs& args, const Terminal& terminal) {
  SourceManager sources;
  const RunResults results = run_whole(args.inputs, terminal, sources, true);
  if (args.format == "json") {
    std::cout << audit_json(results, sources, terminal.text.lang)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    write_audit_text(std::cout, results, sources, terminal.text);
  }
  AuditCounts all;
  for (const auto& p : results.projects) {
    all += count_findings(p);
  }
  return any_error(results) ? kFileProblem : (all.clean() ? kOk : kAuditFindings);
}

int explain(const ExplainArgs& args, const Terminal& terminal) {
  SourceManager sources;
  const RunResults results = run_whole(args.inputs, terminal, sources, true);
  write_explanation(std::cout, results, sources, terminal.text, args.filter);
  return any_error(results) ? kFileProblem : kOk;
}

int check(const Inputs& inputs, const Terminal& terminal) {
  SourceManager sources;
  const RunResults results = run_whole(inputs, terminal, sources, false, true);
  write_check_summary(std::cout, results, terminal.text);
  return any_error(results) ? kFileProblem : kOk;
}

}  // namespace perfeval::cli
