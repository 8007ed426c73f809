// audit, explain and check: a whole run, then one report of it.

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "cli_text.hpp"
#include "commands.hpp"
#include "perfeval/runtime/run.hpp"
#include "suggest.hpp"

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
    if (d.severity == Severity::error || terminal.text.warnings) {
      std::cerr << render(d, sources, terminal.text.lang) << "\n";
    }
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

// What is wrong with explain's -p or -i when one names nothing in the
// tables read, with the nearest name there is.
std::optional<std::string> unmatched_filter(const RunResults& results, const ExplainFilter& filter,
                                            Lang lang) {
  std::vector<std::string> projects, indicators;
  for (const auto& p : results.projects) {
    projects.push_back(p.project);
    if (filter.project.empty() || p.project == filter.project) {
      for (const auto& i : p.indicators) {
        indicators.push_back(i.name);
      }
    }
  }
  const auto wrong = [&](Say what, const std::string& name,
                         const std::vector<std::string>& known) -> std::optional<std::string> {
    if (name.empty() || std::find(known.begin(), known.end(), name) != known.end()) {
      return std::nullopt;
    }
    std::string message = fmt::format(fmt::runtime(say(what, lang)), name);
    if (const auto near = closest(name, known)) {
      message += fmt::format(fmt::runtime(say(Say::did_you_mean, lang)), *near);
    }
    return message;
  };
  if (auto project = wrong(Say::no_such_project, filter.project, projects)) {
    return project;
  }
  return wrong(Say::no_such_indicator, filter.indicator, indicators);
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
  if (const auto wrong = unmatched_filter(results, args.filter, terminal.text.lang)) {
    std::cerr << *wrong << "\n";
    return kUsage;
  }
  return any_error(results) ? kFileProblem : kOk;
}

int check(const Inputs& inputs, const Terminal& terminal) {
  SourceManager sources;
  const RunResults results = run_whole(inputs, terminal, sources, false, true);
  write_check_summary(std::cout, results, terminal.text);
  return any_error(results) ? kFileProblem : kOk;
}

}  // namespace perfeval::cli
