// libFuzzer target: one rule file through the whole front end, as
// `perfeval check` reads it — parse, check, compile, lint — and every
// diagnostic rendered in both languages.

#include <cstddef>
#include <cstdint>
#include <string>

#include "perfeval/lang/checker.hpp"
#include "perfeval/lang/parser.hpp"
#include "perfeval/runtime/program.hpp"
#include "perfeval/runtime/rule_lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace perfeval;
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id =
      sources.add("fuzz.perf", std::string(reinterpret_cast<const char*>(data), size));
  std::vector<ast::RuleFile> files;
  if (auto file = parse_rules(id, sources, sink)) {
    files.push_back(std::move(*file));
  }
  const CheckedRules rules = check_rules(std::move(files), sink, CheckOptions{.warn_unused = true});
  const Program program = Program::compile(rules, sink);
  lint_rules(program, sink);
  for (const auto& d : sink.all()) {
    (void)render(d, sources, Lang::en);
    (void)render(d, sources, Lang::zh);
  }
  return 0;
}
