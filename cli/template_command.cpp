// perfeval template RULES [-p PROJECT] -o FILE: the rules loaded and
// checked, then a blank 自评表 per project type written to FILE.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <iostream>
#include <stdexcept>

#include "cli_text.hpp"
#include "commands.hpp"
#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/rule_set.hpp"
#include "perfeval/runtime/template_xlsx.hpp"
#include "perfeval/runtime/words.hpp"
#include "suggest.hpp"

namespace perfeval::cli {

int write_template(const TemplateArgs& args, Lang lang) {
  if (is_one_of_inputs(args.output, {args.rules})) {
    std::cerr << fmt::format(fmt::runtime(term_text(Term::output_is_input, lang)), args.output)
              << "\n";
    return kUsage;
  }
  if (refuse_unwritable_folder(args.output, lang)) {
    return kUsage;
  }
  SourceManager sources;
  DiagnosticSink sink;
  const RuleSet set = load_rules(args.rules, sources, sink);
  for (const auto& d : sink.all()) {
    std::cerr << render(d, sources, lang) << "\n";
  }
  const std::vector<std::string> names = set.program.project_names();
  if (names.empty() && sink.has_errors()) {
    return kFileProblem;  // the project types may be the ones that failed
  }
  if (names.empty()) {
    // Rules of policies and methods only: the tables carry their indicators.
    std::cerr << fmt::format(fmt::runtime(say(Say::no_project_types, lang)), args.rules) << "\n";
    return kFileProblem;
  }
  std::vector<const CompiledProject*> projects;
  for (const auto& name : names) {
    if (args.project.empty() || name == args.project) {
      projects.push_back(set.program.find_project(name));
    }
  }
  if (projects.empty()) {
    std::string message =
        fmt::format(fmt::runtime(say(Say::no_such_project_type, lang)), args.project);
    if (const auto near = closest(args.project, names)) {
      message += fmt::format(fmt::runtime(say(Say::did_you_mean, lang)), *near);
    }
    std::cerr << message << "\n";
    return kUsage;
  }
  try {
    write_file_atomically(args.output, [&](const std::filesystem::path& temp) {
      write_template_xlsx(temp, projects, {lang});
    });
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return kFileProblem;
  }
  std::cout << fmt::format(fmt::runtime(say(Say::template_written, lang)), args.output,
                           projects.size())
            << "\n";
  return sink.has_errors() ? kFileProblem : kOk;
}

}  // namespace perfeval::cli
