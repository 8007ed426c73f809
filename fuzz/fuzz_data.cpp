// libFuzzer target: one JSON data file through the loader and the scoring
// engine, against the shipped rules (loaded once), with the working of every
// figure written down as `perfeval explain` and `audit` do.

#include <cstddef>
#include <cstdint>
#include <string>

#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace {

struct ShippedRules {
  perfeval::SourceManager sources;
  perfeval::DiagnosticSink sink;
  perfeval::RuleSet set;
  ShippedRules() {
    set = perfeval::load_rules(PERFEVAL_SOURCE_DIR "/rules", sources, sink);
    if (sink.has_errors() || set.file_count == 0) {
      __builtin_trap();  // the fuzzer must start from rules that load cleanly
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace perfeval;
  static const ShippedRules rules;
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id =
      sources.add("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  if (const auto project = load_project_data(id, sources, sink)) {
    (void)score_project(rules.set.program, *project, sink,
                        ScoreOptions{.explain = true, .lang = Lang::zh});
  }
  for (const auto& d : sink.all()) {
    if (d.range && d.range->file == id) {  // others point into the rule files
      (void)render(d, sources, Lang::en);
    }
  }
  return 0;
}
