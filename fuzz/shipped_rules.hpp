#pragma once

// The rules shipped in rules/, loaded once by the fuzz targets that score
// data against them.

#include "perfeval/runtime/rule_set.hpp"

namespace perfeval::fuzz {

struct ShippedRules {
  SourceManager sources;
  DiagnosticSink sink;
  RuleSet set;
  ShippedRules() {
    set = load_rules(PERFEVAL_SOURCE_DIR "/rules", sources, sink);
    if (sink.has_errors() || set.file_count == 0) {
      __builtin_trap();  // the fuzzer must start from rules that load cleanly
    }
  }
};

}  // namespace perfeval::fuzz
