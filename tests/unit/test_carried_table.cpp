// Tables that carry their own indicator table: compiled against the policy
// they name, scored as the declared project type they were copied from,
// and refused, with the indicator and field named, when a row cannot be
// read.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "perfeval/runtime/carried_table.hpp"
#include "perfeval/runtime/engine.hpp"
#include "perfeval/runtime/rule_set.hpp"

using namespace perfeval;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = PERFEVAL_SOURCE_DIR;

ProjectData load(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  SourceManager sources;
  DiagnosticSink sink;
  auto data = load_project_data(sources.add(path.string(), text.str()), sources, sink);
  REQUIRE(data);
  return std::move(*data);
}

// The rules a folder of policies and methods only gives: 新疆2024 and the
// policy library, no project types.
struct PolicyRules {
  SourceManager sources;
  DiagnosticSink sink;
  RuleSet rules;
  PolicyRules()
      : rules(load_rules(
            std::vector<fs::path>{kSource / "rules/新疆2024.perf", kSource / "rules/library"},
            sources, sink)) {}
};

const PolicyRules& policy_rules() {
  static const PolicyRules rules;
  return rules;
}

const RuleSet& declared_rules() {
  static SourceManager sources;
  static DiagnosticSink sink;
  static const RuleSet rules = load_rules(kSource / "rules", sources, sink);
  return rules;
}

ProjectData carried_weikuan() {
  return load(kSource / "examples-tables/weikuan.json");
}

std::string messages(const DiagnosticSink& sink) {
  SourceManager none;
  std::string out;
  for (const auto& d : sink.all()) {
    out += render(d, none, Lang::en) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a seed table carried as data scores exactly as its declared project type", "[tables]") {
  REQUIRE_FALSE(policy_rules().sink.has_errors());
  REQUIRE(policy_rules().rules.program.project_names().empty());
  std::size_t tables = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "examples-tables")) {
    INFO(entry.path());
    const ProjectData carried = load(entry.path());
    const ProjectData declared = load(kSource / "examples" / entry.path().filename());
    DiagnosticSink sink;
    const auto a = score_project(policy_rules().rules.program, carried, sink);
    const auto b = score_project(declared_rules().program, declared, sink);
    INFO(messages(sink));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(sink.all().empty());
    CHECK(a->policy == b->policy);
    CHECK(a->complete);
    CHECK(a->total == b->total);
    CHECK(a->band == b->band);
    CHECK(a->full_marks == b->full_marks);
    CHECK(a->funds.score == b->funds.score);
    CHECK(a->differences() == b->differences());
    CHECK(a->explanations_missing() == b->explanations_missing());
    REQUIRE(a->indicators.size() == b->indicators.size());
    for (std::size_t k = 0; k < a->indicators.size(); ++k) {
      const IndicatorResult& x = a->indicators[k];
      const IndicatorResult& y = b->indicators[k];
      CHECK(x.name == y.name);
      CHECK(x.category1 == y.category1);
      CHECK(x.category2 == y.category2);
      CHECK(x.weight == y.weight);
      CHECK(x.target == y.target);
      CHECK(x.method == y.method);
      CHECK(x.met == y.met);
      CHECK(x.rate == y.rate);
      CHECK(x.score == y.score);
      CHECK(x.score_rounded == y.score_rounded);
      CHECK(x.explanation_required == y.explanation_required);
    }
    ++tables;
  }
  CHECK(tables >= 2);
}

TEST_CASE("a table naming a declared type with the rules' own fields draws no warning",
          "[tables]") {
  DiagnosticSink sink;
  const auto result = score_project(declared_rules().program, carried_weikuan(), sink);
  REQUIRE(result);
  CHECK(result->complete);
  CHECK(sink.all().empty());
}

TEST_CASE("a table naming a declared type is scored by the rules, each differing field warned",
          "[tables]") {
  ProjectData data = carried_weikuan();
  data.indicators[0].weight = "25";
  data.indicators[1].target = ">=95%";
  data.indicators[2].method = "按照完成比例赋分";
  DiagnosticSink sink;
  const auto result = score_project(declared_rules().program, data, sink);
  REQUIRE(result);
  CHECK(result->indicators[0].weight == Rational(20));
  CHECK(!sink.has_errors());
  const std::string text = messages(sink);
  CHECK(text.find("the table gives the weight '25' but the rules '20'") != std::string::npos);
  CHECK(text.find("the table gives the target '>=95%' but the rules '= 100%'") !=
        std::string::npos);
  CHECK(text.find("the table gives the method '按照完成比例赋分' but the rules '直接赋分'") !=
        std::string::npos);
  CHECK(sink.all().size() == 3);
}

TEST_CASE("a carried table's policy comes from the table, else from the run", "[tables]") {
  const Program& program = policy_rules().rules.program;
  ProjectData data = carried_weikuan();
  data.policy.clear();
  DiagnosticSink refused;
  CHECK_FALSE(score_project(program, data, refused));
  CHECK(messages(refused).find("names no policy") != std::string::npos);
  CHECK(messages(refused).find("--policy NAME") != std::string::npos);

  DiagnosticSink sink;
  ScoreOptions options;
  options.policy = "新疆2024";
  const auto result = score_project(program, data, sink, options);
  REQUIRE(result);
  CHECK(result->policy == "新疆2024");
  CHECK(result->total == std::optional(*Rational::parse("99.96")));

  // The table's own field wins over the run's.
  data.policy = "新疆2024";
  options.policy = "全国模板";
  CHECK(score_project(program, data, sink, options)->policy == "新疆2024");
}

TEST_CASE("an unknown method names the indicator and suggests the closest", "[tables]") {
  ProjectData data = carried_weikuan();
  data.indicators[3].method = "按完成比例赋分";
  DiagnosticSink sink;
  CHECK_FALSE(score_project(policy_rules().rules.program, data, sink));
  const std::string text = messages(sink);
  INFO(text);
  CHECK(text.find("indicator '拨付州人社局劳动保障大厦维修项目资金尾款'") != std::string::npos);
  CHECK(text.find("did you mean '按照完成比例赋分'") != std::string::npos);
}

TEST_CASE("a carried row's method falls back to the printed 赋分规则", "[tables]") {
  ProjectData data = carried_weikuan();
  for (auto& row : data.indicators) {
    row.method.clear();  // "rule" still says it
  }
  DiagnosticSink sink;
  const auto result = score_project(policy_rules().rules.program, data, sink);
  REQUIRE(result);
  CHECK(result->complete);
  data.indicators[0].rule.clear();
  DiagnosticSink refused;
  CHECK_FALSE(score_project(policy_rules().rules.program, data, refused));
  CHECK(messages(refused).find("has no method") != std::string::npos);
}

TEST_CASE("a worksheet table's problems name their cells", "[tables]") {
  ProjectData data = carried_weikuan();
  data.places.sheet = "尾款.xlsx!自评表";
  data.places.weight = "E";
  data.places.target = "F";
  data.places.method = "N";
  for (std::size_t k = 0; k < data.indicators.size(); ++k) {
    data.indicators[k].row = static_cast<int>(8 + k);
  }
  data.indicators[4].target = "2024年13月1日前";
  data.indicators[1].weight = "十";
  DiagnosticSink sink;
  CHECK_FALSE(score_project(policy_rules().rules.program, data, sink));
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].file == "尾款.xlsx!自评表!E9");
  CHECK(sink.all()[1].file == "尾款.xlsx!自评表!F12");
  CHECK(messages(sink).find("the target '2024年13月1日前' cannot be read") != std::string::npos);
  // Without a sheet (JSON) the place is the file.
  CHECK(cell_place(carried_weikuan(), data.indicators[1], TableField::weight) ==
        carried_weikuan().file);
}

TEST_CASE("a carried table meets its policy's category weights and total", "[tables]") {
  ProjectData data = carried_weikuan();
  data.policy = "全国模板一级权重";
  DiagnosticSink sink;
  CHECK_FALSE(score_project(policy_rules().rules.program, data, sink));
  const std::string text = messages(sink);
  INFO(text);
  CHECK(text.find("the indicators under 产出指标 weigh 40 in all, but policy '全国模板一级权重' "
                  "gives that category 50") != std::string::npos);
  CHECK(text.find("效益指标 weigh 20") != std::string::npos);
  CHECK(text.find("满意度指标") == std::string::npos);

  data = carried_weikuan();
  data.indicators[0].weight = "-20";
  DiagnosticSink negative;
  CHECK_FALSE(score_project(policy_rules().rules.program, data, negative));
  CHECK(messages(negative).find("is negative") != std::string::npos);
}

TEST_CASE("one carried table's storage serves tables of any length in turn", "[tables]") {
  // Long, short, long again: rows set aside for the short table come back
  // for the long one, and nothing of one table stays in the next.
  const Program& program = policy_rules().rules.program;
  std::vector<ProjectData> tables;
  for (const auto& entry : fs::directory_iterator(kSource / "examples-tables")) {
    tables.push_back(load(entry.path()));
  }
  REQUIRE(tables.size() >= 2);
  ProjectData shorter = tables.front();
  shorter.indicators.resize(2);
  shorter.indicators[0].weight = "80";  // and 10 + 10 for funds: 100
  shorter.indicators[1].weight = "10";
  CarriedTable table;
  ProjectResult reused;
  DiagnosticSink sink;
  for (int round = 0; round < 2; ++round) {
    for (const ProjectData* data : {&tables[0], &shorter, &tables[1], &tables[0]}) {
      INFO(data->project << " " << data->indicators.size());
      REQUIRE(score_project(program, *data, reused, table, sink));
      const auto fresh = score_project(program, *data, sink);
      REQUIRE(fresh);
      CHECK(reused.total == fresh->total);
      REQUIRE(reused.indicators.size() == fresh->indicators.size());
      for (std::size_t k = 0; k < reused.indicators.size(); ++k) {
        CHECK(reused.indicators[k].name == fresh->indicators[k].name);
        CHECK(reused.indicators[k].score == fresh->indicators[k].score);
        CHECK(reused.indicators[k].target == fresh->indicators[k].target);
      }
    }
  }
  INFO(messages(sink));
  CHECK(!sink.has_errors());
}

TEST_CASE("a carried weight is read as written", "[tables]") {
  CHECK(read_table_weight("20") == Rational(20));
  CHECK(read_table_weight(" 20分 ") == Rational(20));
  CHECK(read_table_weight("12.5") == *Rational::parse("12.5"));
  CHECK_FALSE(read_table_weight("二十"));
  CHECK_FALSE(read_table_weight(""));
  CHECK_FALSE(read_table_weight("1" + std::string(60, '0')));
}
