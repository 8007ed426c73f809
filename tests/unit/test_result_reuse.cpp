// A result reused across a batch: scoring one table into the result of
// another must give exactly what scoring it fresh gives.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "perfeval/runtime/report.hpp"
#include "support.hpp"

using namespace perfeval;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = PERFEVAL_SOURCE_DIR;

struct Examples {
  SourceManager sources;
  DiagnosticSink sink;
  RuleSet rules = load_rules(kSource / "rules", sources, sink);
  std::vector<ProjectData> tables;

  Examples() {
    for (const auto& path : find_files(kSource / "examples", ".json", sink)) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (auto data =
              load_project_data(sources.add(path.filename().string(), text.str()), sources, sink)) {
        tables.push_back(std::move(*data));
      }
    }
  }
};

// Everything the reports show of a result, the working included.
std::string shown(const ProjectResult& result, const SourceManager& sources) {
  RunResults run;
  run.projects.push_back(result);
  return to_json(run, sources, Lang::en).dump() + audit_json(run, sources, Lang::en).dump();
}

// What the reports do not show: the printed figures as read, and the lengths
// of the lists score_project sizes.
void check_same_unshown(const ProjectResult& reused, const ProjectResult& fresh) {
  CHECK(reused.reported_total_value == fresh.reported_total_value);
  CHECK(reused.reported_sum == fresh.reported_sum);
  CHECK(reused.funds.reported_score_value == fresh.funds.reported_score_value);
  CHECK(reused.funds.planned == fresh.funds.planned);
  CHECK(reused.funds.steps.size() == fresh.funds.steps.size());
  CHECK(reused.funds_sources.size() == fresh.funds_sources.size());
  REQUIRE(reused.indicators.size() == fresh.indicators.size());
  for (std::size_t k = 0; k < fresh.indicators.size(); ++k) {
    const IndicatorResult& r = reused.indicators[k];
    const IndicatorResult& f = fresh.indicators[k];
    CHECK(r.entered == f.entered);
    CHECK(r.reported.rate == f.reported.rate);
    CHECK(r.reported.score == f.reported.score);
    CHECK(r.steps.size() == f.steps.size());
    CHECK(r.differences.size() == f.differences.size());
  }
}

}  // namespace

TEST_CASE("scoring B into the result of A equals scoring B fresh for every pair of examples") {
  Examples examples;
  REQUIRE_FALSE(examples.sink.has_errors());
  REQUIRE(examples.tables.size() >= 2);
  for (const bool explain : {false, true}) {
    for (const bool keep_text : {true, false}) {
      ScoreOptions options;
      options.explain = explain;
      options.keep_text = keep_text;
      // A is scored keeping everything, so a field B's options leave alone
      // must still come out as B's fresh result has it.
      ScoreOptions first;
      first.explain = true;
      for (const ProjectData& a : examples.tables) {
        for (const ProjectData& b : examples.tables) {
          if (&a == &b) {
            continue;
          }
          INFO(a.file << " then " << b.file << ", explain " << explain << ", keep_text "
                      << keep_text);
          DiagnosticSink sink;
          ProjectResult reused;
          REQUIRE(score_project(examples.rules.program, a, reused, sink, first));
          REQUIRE(score_project(examples.rules.program, b, reused, sink, options));
          const auto fresh = score_project(examples.rules.program, b, sink, options);
          REQUIRE(fresh);
          CHECK(shown(reused, examples.sources) == shown(*fresh, examples.sources));
          check_same_unshown(reused, *fresh);
        }
      }
    }
  }
}

TEST_CASE("a reset result is a fresh one in everything the reports show") {
  Examples examples;
  REQUIRE_FALSE(examples.sink.has_errors());
  ScoreOptions options;
  options.explain = true;
  DiagnosticSink sink;
  ProjectResult used;
  REQUIRE(score_project(examples.rules.program, examples.tables.front(), used, sink, options));
  used.reset();
  used.indicators.clear();
  used.funds_sources.clear();
  CHECK(shown(used, examples.sources) == shown(ProjectResult{}, examples.sources));
  check_same_unshown(used, ProjectResult{});
}

TEST_CASE("a Program cannot be copied and a moved one still scores") {
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<Program>);
  STATIC_REQUIRE_FALSE(std::is_copy_assignable_v<Program>);
  Examples examples;
  REQUIRE_FALSE(examples.sink.has_errors());
  DiagnosticSink sink;
  const auto before = score_project(examples.rules.program, examples.tables.front(), sink);
  REQUIRE(before);
  // Its projects point at its policies and methods; after a move they must
  // point at the moved ones, alive, not at freed storage.
  Program moved(std::move(examples.rules.program));
  Program assigned;
  assigned = std::move(moved);
  const auto after = score_project(assigned, examples.tables.front(), sink);
  REQUIRE(after);
  CHECK_FALSE(sink.has_errors());
  CHECK(shown(*after, examples.sources) == shown(*before, examples.sources));
}
