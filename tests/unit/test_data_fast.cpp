// The bulk loader against the reference loader: whatever the fast one
// accepts, the reference one must read the same way; everything doubtful it
// must decline, so that the reference loader can say what is wrong.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "perfeval/runtime/internal/data_fast.hpp"
#include "perfeval/runtime/rule_set.hpp"

namespace {

using namespace perfeval;

std::optional<ProjectData> reference(const std::string& text) {
  SourceManager sources;
  DiagnosticSink sink;
  const FileId id = sources.add("t.json", text);
  return load_project_data(id, sources, sink);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool same_value(const ParsedValue& a, const ParsedValue& b) {
  return a.op == b.op && a.value == b.value;
}

bool same_reported(const Reported& a, const Reported& b) {
  return a.rate == b.rate && a.score == b.score;
}

// The fields that decide a score and its audit.
void require_same_figures(const ProjectData& a, const ProjectData& b) {
  CHECK(a.project == b.project);
  CHECK(a.kind == b.kind);
  CHECK(a.year == b.year);
  CHECK(a.funds.planned == b.funds.planned);
  CHECK(a.funds.budget == b.funds.budget);
  CHECK(a.funds.executed == b.funds.executed);
  CHECK(a.funds.explanation == b.funds.explanation);
  CHECK(same_reported(a.funds.reported, b.funds.reported));
  CHECK(a.reported_total == b.reported_total);
  CHECK(a.policy == b.policy);
  CHECK(a.places.sheet == b.places.sheet);
  REQUIRE(a.indicators.size() == b.indicators.size());
  for (std::size_t k = 0; k < a.indicators.size(); ++k) {
    const auto& x = a.indicators[k];
    const auto& y = b.indicators[k];
    CHECK(x.name == y.name);
    CHECK(x.actual_text == y.actual_text);
    CHECK(same_value(x.actual, y.actual));
    CHECK(x.explanation == y.explanation);
    CHECK(same_reported(x.reported, y.reported));
    // A table's own indicator row scores it.
    CHECK(x.category1 == y.category1);
    CHECK(x.category2 == y.category2);
    CHECK(x.weight == y.weight);
    CHECK(x.target == y.target);
    CHECK(x.method == y.method);
    CHECK(x.rule == y.rule);
    CHECK(x.row == y.row);
  }
}

// Every field, so that a field the fast loader forgets shows up here.
void require_same(const ProjectData& a, const ProjectData& b) {
  require_same_figures(a, b);
  CHECK(a.file == b.file);
  CHECK(a.department == b.department);
  CHECK(a.implementer == b.implementer);
  CHECK(a.goals_planned == b.goals_planned);
  CHECK(a.goals_achieved == b.goals_achieved);
  CHECK(a.funds.note == b.funds.note);
  REQUIRE(a.funds.sources.size() == b.funds.sources.size());
  for (std::size_t k = 0; k < a.funds.sources.size(); ++k) {
    CHECK(a.funds.sources[k].name == b.funds.sources[k].name);
    CHECK(a.funds.sources[k].planned == b.funds.sources[k].planned);
    CHECK(a.funds.sources[k].budget == b.funds.sources[k].budget);
    CHECK(a.funds.sources[k].executed == b.funds.sources[k].executed);
  }
  for (std::size_t k = 0; k < a.indicators.size(); ++k) {
    const auto& x = a.indicators[k];
    const auto& y = b.indicators[k];
    CHECK(x.basis == y.basis);
    CHECK(x.last_year == y.last_year);
    CHECK(x.rule == y.rule);
    CHECK(x.evidence == y.evidence);
  }
  CHECK(a.source == b.source);
}

// Accepted by the fast loader means read alike by both; declined is always
// allowed. Returns whether the fast loader accepted.
bool agrees(FastDataLoader& fast, const std::string& text, ProjectData& reused) {
  if (!fast.load(text, "t.json", reused)) {
    return false;
  }
  const auto expected = reference(text);
  INFO("accepted by the bulk loader only: " << text);
  REQUIRE(expected);
  require_same(reused, *expected);
  return true;
}

const char* kSmall = R"({"project": "p", "year": 2024, "funds": {"planned": "1", "budget": 2,
  "executed": "1.5", "sources": [{"name": "其中：当年财政拨款", "planned": "1"}],
  "reported": {"rate": "75%", "score": null}, "explanation": "年底集中支付"},
  "indicators": [{"name": "人数", "actual": "=13人", "explanation": "",
                  "reported": {"rate": "100%", "score": "10"}},
                 {"name": "满意度", "actual": 96.25}],
  "goals": {"planned": "目标"}, "reported_total": 99.8})";

// Without descriptions the loader must take exactly the files it takes with
// them, and read every figure alike.
void lean_agrees(const std::string& text) {
  static FastDataLoader full;
  static FastDataLoader lean(false);
  ProjectData a;
  ProjectData b;
  const bool took_full = full.load(text, "t.json", a);
  INFO(text);
  REQUIRE(lean.load(text, "t.json", b) == took_full);
  if (!took_full) {
    return;
  }
  require_same_figures(b, a);
  for (const auto& indicator : b.indicators) {
    CHECK(indicator.basis.empty());
    CHECK(indicator.evidence.empty());
  }
  CHECK(b.department.empty());
  CHECK(b.goals_planned.empty());
  CHECK(b.funds.sources.empty());
}

}  // namespace

TEST_CASE("the bulk loader reads every shipped table as the reference loader does", "[data]") {
  FastDataLoader fast;
  ProjectData reused;  // one object for all files, as a batch uses it
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(PERFEVAL_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") {
      continue;
    }
    INFO(entry.path());
    CHECK(agrees(fast, read_file(entry.path()), reused));
    lean_agrees(read_file(entry.path()));
    ++files;
  }
  CHECK(files == 17);
}

TEST_CASE("both loaders read every carried table of examples-tables alike", "[data]") {
  FastDataLoader fast;
  FastDataLoader lean(false);
  ProjectData reused;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(PERFEVAL_SOURCE_DIR) / "examples-tables")) {
    INFO(entry.path());
    const std::string text = read_file(entry.path());
    REQUIRE(agrees(fast, text, reused));
    CHECK(reused.carries_table());
    CHECK(reused.policy.starts_with("新疆2024"));
    for (const auto& row : reused.indicators) {
      CHECK(!row.category1.empty());
      CHECK(!row.weight.empty());
      CHECK(!row.target.empty());
      CHECK(!row.method.empty());
    }
    // The indicator rows score the table: kept when descriptions are not.
    ProjectData figures;
    REQUIRE(lean.load(text, "t.json", figures));
    require_same_figures(figures, reused);
    ++files;
  }
  CHECK(files >= 2);
}

TEST_CASE("the loaders take a carried row's weight as text or a number", "[data]") {
  FastDataLoader fast;
  ProjectData reused;
  const std::string table =
      R"({"project": "自带", "policy": "新疆2024", "funds": {"planned": 1, "budget": 1,
          "executed": 1}, "indicators": [
          {"name": "人数", "category1": "产出指标", "category2": "数量指标", "weight": 20,
           "target": ">=13人", "method": "按照完成比例赋分", "actual": "13人"},
          {"name": "比例", "weight": 12.5, "target": "≤240万元", "rule": "满意度赋分",
           "actual": "200万元"},
          {"name": "时间", "weight": "20分", "target": "2024年12月10日前", "actual": "2024-12-09"}]})";
  REQUIRE(agrees(fast, table, reused));
  CHECK(reused.policy == "新疆2024");
  CHECK(reused.indicators[0].weight == "20");
  CHECK(reused.indicators[1].weight == "12.5");
  CHECK(reused.indicators[1].method.empty());
  CHECK(reused.indicators[1].rule == "满意度赋分");
  CHECK(reused.indicators[2].weight == "20分");
  // The next table into the same object keeps nothing of this one's rows.
  const std::string plain =
      R"({"project": "p", "funds": {"planned": 1, "budget": 1, "executed": 1},
          "indicators": [{"name": "人数", "actual": "13人"}]})";
  REQUIRE(agrees(fast, plain, reused));
  CHECK(reused.policy.empty());
  CHECK(reused.indicators[0].weight.empty());
  CHECK(reused.indicators[0].target.empty());
  CHECK(reused.indicators[0].category1.empty());
  CHECK(!reused.carries_table());
}

TEST_CASE("the bulk loader reads numbers and nulls as the reference loader does", "[data]") {
  FastDataLoader fast;
  ProjectData reused;
  CHECK(agrees(fast, kSmall, reused));
  CHECK(reused.funds.budget == Rational(2));
  CHECK(reused.indicators[1].actual_text == "96.25");
  CHECK(reused.reported_total == std::optional<std::string>("99.8"));
  // A second, shorter file into the same object leaves nothing of the first.
  const std::string shorter =
      R"({"project": "q", "funds": {"planned": 1, "budget": 1, "executed": 1},
          "indicators": [{"name": "次数", "actual": "2次"}]})";
  CHECK(agrees(fast, shorter, reused));
  CHECK(reused.indicators.size() == 1);
  CHECK(!reused.year);
  CHECK(reused.goals_planned.empty());
  CHECK(reused.funds.sources.empty());
}

TEST_CASE("the bulk loader reads strings with escapes and spaces around them", "[data]") {
  // Strings without escapes are read in place, the others unescaped; the
  // spaces after a string are no part of it either way.
  FastDataLoader fast;
  ProjectData reused;
  const std::string text =
      "{\"project\" : \"p\" ,\n \"funds\": {\"planned\": 1, \"budget\": 1, \"executed\": 1},"
      "\"indicators\": [{\"name\":\t\"a\\\"b\\u4eba\"\r\n, \"actual\": \"=13\\u4eba\"  ,"
      "\"explanation\": \"\\\\\" }, {\"name\": \"\", \"actual\": \"1人\", \"basis\": null \n,"
      "\"explanation\": 12.5\t}]}";
  REQUIRE(agrees(fast, text, reused));
  CHECK(reused.project == "p");
  CHECK(reused.indicators[0].name == "a\"b人");
  CHECK(reused.indicators[0].actual_text == "=13人");
  CHECK(reused.indicators[0].explanation == "\\");
  CHECK(reused.indicators[1].name.empty());
  CHECK(reused.indicators[1].actual_text == "1人");
  CHECK(reused.indicators[1].explanation == "12.5");
}

TEST_CASE("the bulk loader leaves doubtful files to the reference loader", "[data]") {
  FastDataLoader fast;
  ProjectData out;
  const std::string base =
      R"({"project": "p", "funds": {"planned": 1, "budget": 1, "executed": 1}, "indicators": [)";
  for (
      const std::string& text : {
          std::string(""),
          std::string("[]"),
          std::string("{"),
          base + R"({"name": "a", "actual": "1人"}])",  // cut off
          base + R"({"name": "a", "actual": "1人"}]} x)",
          base + R"({"name": "a", "actual": "1人"}], "project": "again"})",
          base + R"({"name": "a", "actual": "1人", "actual": "2人"}]})",
          base + R"({"name": "a", "actual": "1人", "colour": "red"}]})",
          base + R"({"na\u006de": "a", "actual": "1人"}]})",  // keys are read as written
          base + R"({"name": "a"}]})",
          base + R"({"name": "a", "actual": null}]})",
          base + R"({"name": "a", "actual": "1.2.3人"}]})",
          base + R"({"name": "a", "actual": true}]})",
          base + R"({"name": "a", "actual": "1人", "explanation": nul}]})",  // null by its letter
          base + R"({"name": "a", "actual": "1人", "explanation": nullx}]})",
          base + R"({"name": "a", "actual": -0}]})",
          base + R"("a"]})",
          std::string(R"({"project": "p", "indicators": []})"),
          std::string(
              R"({"project": "p", "funds": {"planned": "x", "budget": 1, "executed": 1}, "indicators": []})"),
          std::string("\xEF\xBB\xBF") + base + "]}",
          base + R"({"name": "\xff", "actual": "1人"}]})",
      }) {
    INFO(text);
    CHECK(!fast.load(text, "t.json", out));
  }
}

TEST_CASE("without descriptions, bad description text is still refused", "[data]") {
  const std::string base =
      R"({"project": "p", "funds": {"planned": 1, "budget": 1, "executed": 1}, "indicators": [{"name": "a", "actual": "1人", "basis": )";
  for (const std::string& basis :
       {std::string(R"("bad \q escape")"), std::string("\"tab\there\""), std::string("\"\x01\""),
        std::string("true"), std::string("01"), std::string(R"({"a": 1})")}) {
    FastDataLoader fast;
    ProjectData out;
    CHECK(!agrees(fast, base + basis + "}]}", out));
    lean_agrees(base + basis + "}]}");
  }
  lean_agrees(base + R"("fine \u4e2d\n text")" + "}]}");
  lean_agrees(base + "12.5}]}");
}

TEST_CASE("the bulk loader agrees with the reference loader on damaged copies", "[data]") {
  // Every prefix and every one-byte deletion of a small table: whatever the
  // fast loader takes, the reference loader must read the same way.
  FastDataLoader fast;
  ProjectData reused;
  const std::string text = kSmall;
  std::size_t accepted = 0;
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    accepted += agrees(fast, text.substr(0, cut), reused) ? 1 : 0;
    lean_agrees(text.substr(0, cut));
    std::string without = text;
    without.erase(std::min(cut, without.size() - 1), 1);
    accepted += agrees(fast, without, reused) ? 1 : 0;
    lean_agrees(without);
  }
  // The whole text, and deletions of layout or of a character inside a
  // free text field, are still tables.
  CHECK(accepted > 1);
}

TEST_CASE("the bulk loader agrees with the reference loader when text between quotes is lost",
          "[data]") {
  // A cut from one quote to another can leave a string value followed by a
  // colon, `"explanation": "rate": "75%", ...`, with the braces after it
  // still balanced: simdjson's On-Demand API would skip that as a key and
  // its value. The reference loader refuses it, so the fast one must too.
  FastDataLoader fast;
  ProjectData reused;
  const std::string text = kSmall;
  std::vector<std::size_t> quotes;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      quotes.push_back(i);
    }
  }
  for (std::size_t from = 0; from < quotes.size(); ++from) {
    for (std::size_t to = from + 1; to < quotes.size(); ++to) {
      std::string cut = text;
      cut.erase(quotes[from], quotes[to] - quotes[from]);
      (void)agrees(fast, cut, reused);
      lean_agrees(cut);
    }
  }
  const std::string base =
      R"({"project": "p", "funds": {"planned": 1, "budget": 1, "executed": 1}, "indicators": [)";
  for (const std::string& field : {std::string("explanation"), std::string("basis"),
                                   std::string("name"), std::string("actual")}) {
    const std::string spilled =
        base + R"({"name": "a", "actual": "1人", ")" + field +
        R"(": "xrate": "105%", "score": "11" } } ], "reported_total": "9"})";
    INFO(spilled);
    CHECK(!agrees(fast, spilled, reused));
    lean_agrees(spilled);
  }
}
