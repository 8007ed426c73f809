// libFuzzer target: one JSON data file through `perfeval audit` — loaded,
// scored against the shipped rules (loaded once) with the working written
// down, then every finding counted and the audit written as text and as
// JSON in both languages. The seeds in fuzz/seeds/audit carry hostile
// printed figures (a 60-digit total, a rate of 1e400, a score with a unit,
// a printed figure of the wrong JSON type); fuzz/data.dict adds the words.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/rule_set.hpp"
#include "shipped_rules.hpp"

using perfeval::fuzz::ShippedRules;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace perfeval;
  static const ShippedRules rules;
  // The audit's diagnostics point into the rule files too, so the reports
  // render from a copy of the rules' sources with the data file added: the
  // same file ids, and nothing kept from one input to the next.
  SourceManager sources;
  for (FileId k = 0; k < rules.sources.size(); ++k) {
    const auto& file = rules.sources.get(k);
    sources.add(file.name(), file.text());
  }
  DiagnosticSink sink;
  const FileId id =
      sources.add("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  RunResults results;
  results.data_files = 1;
  if (const auto project = load_project_data(id, sources, sink)) {
    auto scored = score_project(rules.set.program, *project, sink,
                                ScoreOptions{.explain = true, .lang = Lang::zh});
    if (scored) {
      (void)count_findings(*scored);
      results.projects.push_back(std::move(*scored));
    }
  }
  results.failed_data_files = results.projects.empty() ? 1 : 0;
  for (const auto& d : sink.all()) {
    results.diagnostics.push_back(d);
  }
  for (const Lang lang : {Lang::zh, Lang::en}) {
    std::ostringstream text;
    write_audit_text(text, results, sources, TextOptions{.lang = lang});
    (void)audit_json(results, sources, lang)
        .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    for (const auto& d : results.diagnostics) {
      (void)render(d, sources, lang);
    }
  }
  return 0;
}
