#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "perfeval/lang/formatter.hpp"
#include "perfeval/runtime/output_file.hpp"
#include "perfeval/runtime/rule_set.hpp"
#include "perfeval/runtime/rule_tests.hpp"
#include "perfeval/runtime/words.hpp"

namespace perfeval::cli {

int test_rules(const std::string& rules, const std::string& tests, Lang lang) {
  SourceManager sources;
  DiagnosticSink sink;
  // Test folders may declare project types of their own, for project cases.
  std::vector<std::filesystem::path> rule_paths{rules};
  if (std::filesystem::is_directory(tests)) {
    rule_paths.emplace_back(tests);
  }
  const RuleSet set = load_rules(rule_paths, sources, sink);
  const RuleTestReport report = run_rule_tests(set.program, tests, sources, sink);
  for (const auto& d : sink.all()) {
    std::cerr << render(d, sources, lang) << "\n";
  }
  const Words w(lang);
  for (const auto& f : report.failures) {
    if (f.field == "error" && f.expected.empty()) {  // an error where none was expected
      std::cout << fmt::format(fmt::runtime(w[Term::rule_test_error]), f.file, f.index, f.name,
                               f.actual)
                << "\n";
    } else {
      std::cout << fmt::format(fmt::runtime(w[Term::rule_test_mismatch]), f.file, f.index, f.name,
                               f.field, f.expected, f.actual)
                << "\n";
    }
  }
  // The closing line that test runners and CI read, in the language asked for.
  std::cout << fmt::format(fmt::runtime(w[Term::rule_tests_passed]), report.passed, report.failed)
            << "\n";
  return report.failed == 0 && !sink.has_errors() ? kOk : kFileProblem;
}

int format_files(const std::vector<std::string>& paths, bool check, Lang lang) {
  SourceManager sources;
  DiagnosticSink sink;
  std::size_t unformatted = 0;
  for (const auto& root : paths) {
    for (const auto& file : find_files(root, ".perf", sink)) {
      const auto id = read_source(file, sources, sink, 16 << 20);
      const auto formatted = id ? format_rules(*id, sources, sink) : std::nullopt;
      if (!formatted || *formatted == sources.get(*id).text()) {
        continue;
      }
      ++unformatted;
      if (check) {
        std::cout << file.string() << "\n";
        continue;
      }
      try {
        write_text_atomically(file, [&](std::ostream& out) { out << *formatted; });
        std::cout << fmt::format(fmt::runtime(term_text(Term::formatted_file, lang)), file.string())
                  << "\n";
      } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return kFileProblem;
      }
    }
  }
  for (const auto& d : sink.all()) {
    std::cerr << render(d, sources, lang) << "\n";
  }
  if (sink.has_errors()) {
    return kFileProblem;
  }
  return check && unformatted > 0 ? kFileProblem : kOk;
}

}  // namespace perfeval::cli
