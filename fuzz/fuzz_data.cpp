// libFuzzer target: one JSON data file through the loader and the scoring
// engine, against the shipped rules (loaded once), with the working of every
// figure written down as `perfeval explain` and `audit` do. The bulk loader
// reads the same text: whatever it accepts, the reference loader must read
// the same way.

#include <cstddef>
#include <cstdint>
#include <string>

#include "perfeval/runtime/data.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/internal/data_fast.hpp"
#include "perfeval/runtime/rule_set.hpp"
#include "shipped_rules.hpp"

using perfeval::fuzz::ShippedRules;

namespace {

// The fields that decide a score; a difference in any of them stops the run.
bool same(const perfeval::ProjectData& a, const perfeval::ProjectData& b) {
  if (a.project != b.project || a.year != b.year || a.funds.planned != b.funds.planned ||
      a.funds.budget != b.funds.budget || a.funds.executed != b.funds.executed ||
      a.reported_total != b.reported_total || a.policy != b.policy ||
      a.indicators.size() != b.indicators.size() ||
      a.funds.sources.size() != b.funds.sources.size()) {
    return false;
  }
  for (std::size_t k = 0; k < a.indicators.size(); ++k) {
    const auto& x = a.indicators[k];
    const auto& y = b.indicators[k];
    if (x.name != y.name || x.actual_text != y.actual_text || x.actual.op != y.actual.op ||
        x.actual.value != y.actual.value || x.explanation != y.explanation ||
        x.reported.rate != y.reported.rate || x.reported.score != y.reported.score ||
        x.category1 != y.category1 || x.category2 != y.category2 || x.weight != y.weight ||
        x.target != y.target || x.method != y.method || x.rule != y.rule || x.row != y.row) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace perfeval;
  static const ShippedRules rules;
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id =
      sources.add("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  const auto project = load_project_data(id, sources, sink);
  static perfeval::FastDataLoader fast;
  static perfeval::ProjectData quick;
  if (fast.load(sources.get(id).text(), "fuzz.json", quick) &&
      !(project && same(quick, *project))) {
    __builtin_trap();
  }
  if (project) {
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
