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
#include "perfeval/runtime/rule_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace perfeval;
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id =
      sources.add("fuzz.perf", std::string(reinterpret_cast<const char*>(data), size));
  const RuleSet set =
      compile_rule_sources({id}, sources, sink, {}, CheckOptions{.warn_unused = true});
  lint_rules(set.program, sink);
  for (const auto& d : sink.all()) {
    (void)render(d, sources, Lang::en);
    (void)render(d, sources, Lang::zh);
  }
  return 0;
}
