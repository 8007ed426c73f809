// perfeval RULES DATA...: the runtime scores and writes; here only what the
// command line can refuse before anything is read.

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/score_report.hpp"

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
  std::cerr << args.output
            << (lang == Lang::zh ? ": 这是输入文件，perfeval 不会覆盖它；请另选输出文件名\n"
                                 : ": this is one of the input files; perfeval will not overwrite "
                                   "it, choose another output file\n");
  return true;
}

}  // namespace

int score(const ScoreArgs& args, const Terminal& terminal) {
  const Lang lang = terminal.text.lang;
  if (args.format == "xlsx" && args.output.empty()) {
    std::cerr << (lang == Lang::zh ? "Excel 工作簿须用 -o 文件名.xlsx 指定输出文件\n"
                                   : "an Excel workbook needs an output file: -o FILE.xlsx\n");
    return kUsage;
  }
  if (!args.output.empty() && refuse_to_overwrite_input(args, lang)) {
    return kUsage;
  }
  ScoreReport report;
  report.rules = args.inputs.rules;
  report.data.assign(args.inputs.data.begin(), args.inputs.data.end());
  report.format = args.format;
  report.output = args.output;
  report.jobs = args.inputs.jobs;
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
