// perfeval RULES DATA...: the runtime scores and writes; here only what the
// command line can refuse before anything is read.

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "cli_text.hpp"
#include "commands.hpp"
#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/score_report.hpp"
#include "perfeval/runtime/words.hpp"

namespace perfeval::cli {
namespace {

// Whether `output` names one of the inputs (or a file inside an input
// folder); if so, says so on standard error, as perfeval never overwrites
// what it reads.
bool refuse_to_overwrite_input(const ScoreArgs& args, Lang lang) {
  std::vector<std::filesystem::path> inputs(args.inputs.data.begin(), args.inputs.data.end());
  inputs.emplace_back(args.inputs.rules);
  if (!is_one_of_inputs(args.output, inputs)) {
    return false;
  }
  std::cerr << fmt::format(fmt::runtime(term_text(Term::output_is_input, lang)),
                           fmt::streamed(args.output))
            << "\n";
  return true;
}

}  // namespace

bool refuse_unwritable_folder(const std::string& output, Lang lang) {
  namespace fs = std::filesystem;
  const fs::path target(output);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  const auto status = fs::status(folder, ec);
  Say problem;
  if (!fs::exists(status)) {
    problem = Say::output_folder_missing;
  } else if (!fs::is_directory(status)) {
    problem = Say::output_folder_not_folder;
  } else if (access(folder.c_str(), W_OK | X_OK) != 0) {
    problem = Say::output_folder_not_writable;
  } else {
    return false;
  }
  std::cerr << fmt::format(fmt::runtime(say(problem, lang)), output, folder.string()) << "\n";
  return true;
}

int score(const ScoreArgs& args, const Terminal& terminal) {
  const Lang lang = terminal.text.lang;
  if (args.format == "xlsx" && args.output.empty()) {
    std::cerr << term_text(Term::xlsx_needs_output, lang) << "\n";
    return kUsage;
  }
  if (!args.output.empty() &&
      (refuse_to_overwrite_input(args, lang) || refuse_unwritable_folder(args.output, lang))) {
    return kUsage;
  }
  ScoreReport report;
  report.rules = args.inputs.rules;
  report.data.assign(args.inputs.data.begin(), args.inputs.data.end());
  report.format = args.filter ? "jsonl" : args.format;
  report.filter = args.filter;
  report.output = args.output;
  report.jobs = args.inputs.jobs;
  report.policy = args.inputs.policy;
  report.text = terminal.text;
  report.progress = terminal.progress;
  if (terminal.progress) {
    report.progress_end = [&terminal] { terminal.clear_progress(); };
  }
  try {
    return score_and_report(report) ? kFileProblem : kOk;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return kFileProblem;
  }
}

}  // namespace perfeval::cli
