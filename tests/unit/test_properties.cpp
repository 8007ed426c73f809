// Properties that hold for every rule set and every table, checked over
// generated ones: project types of random shape under each policy of the
// shipped library, and tables with actual values met, missed, exceeded, at
// zero and not applicable. The tables are scored by the perfeval command,
// as a reviewer runs it, and what it prints is checked against itself:
// - no indicator scores below 0 or above its weight (no shipped policy
//   allows more);
// - the total is the sum of the rounded parts (or the policy's own total
//   formula), rounded as the policy rounds scores;
// - -j 1 and -j 2 print the same bytes in every format;
// - JSON, JSON Lines and CSV carry the same figures.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "perfeval/values/rational.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using perfeval::Rational;

// The policies a generated project type may name, with what they do to the
// total. 全国模板一级权重 and 定性指标分档 are left out: the first fixes the
// 一级 weights, the second needs hand-entered scores.
enum class TotalRule { sum, capped_by_funds, rescaled_to_applicable };
struct PolicyChoice {
  const char* name;
  TotalRule total;
  int score_digits;
};
constexpr PolicyChoice kPolicies[] = {
    {"新疆2024", TotalRule::sum, 2},
    {"全国模板", TotalRule::sum, 2},
    {"超额130须说明", TotalRule::sum, 2},
    {"超额130扣2分", TotalRule::sum, 2},
    {"越小越好线性递减", TotalRule::sum, 2},
    {"年初预算口径", TotalRule::sum, 2},
    {"执行率90须说明", TotalRule::sum, 2},
    {"整数得分", TotalRule::sum, 0},
    {"执行率封顶总分", TotalRule::capped_by_funds, 2},
    {"不适用折算", TotalRule::rescaled_to_applicable, 2},
};

struct Category {
  const char* first;
  const char* second;
};
constexpr Category kCategories[] = {
    {"产出指标", "数量指标"},     {"产出指标", "质量指标"},     {"成本指标", "经济成本指标"},
    {"效益指标", "社会效益指标"}, {"满意度指标", "满意度指标"},
};
constexpr const char* kCountUnits[] = {"人", "家", "个", "次", "篇", "项"};
constexpr const char* kRatioMethods[] = {"按照完成比例赋分", "按评判等级赋分", "满意度赋分"};
constexpr const char* kGrades[] = {"达到预期指标", "部分达到预期指标", "未达到预期指标"};

enum class TargetKind { at_least, at_most, percent, zero, qualitative, deadline };

struct Indicator {
  std::string name;
  int weight = 0;
  TargetKind kind = TargetKind::at_least;
  std::string unit;
  int target = 0;
  std::string method;
};

struct ProjectType {
  std::string name;
  const PolicyChoice* policy = nullptr;
  std::vector<Indicator> indicators;
};

class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
  }

  ProjectType project_type(int number) {
    ProjectType type;
    type.name = "生成项目" + std::to_string(number);
    type.policy = &pick(kPolicies);
    const int count = between(3, 10);
    // Weights of 1 or more adding up to 90, so that with funds 10 the
    // full marks are 100.
    std::vector<int> weights(static_cast<std::size_t>(count), 1);
    for (int left = 90 - count; left > 0; --left) {
      ++weights[static_cast<std::size_t>(between(0, count - 1))];
    }
    for (int i = 0; i < count; ++i) {
      Indicator ind;
      ind.name = "指标" + std::to_string(i + 1);
      ind.weight = weights[static_cast<std::size_t>(i)];
      ind.kind = static_cast<TargetKind>(between(0, 5));
      ind.method = pick(kRatioMethods);
      switch (ind.kind) {
        case TargetKind::at_least:
          ind.unit = pick(kCountUnits);
          ind.target = between(1, 500);
          break;
        case TargetKind::at_most:
          ind.unit = "万元";
          ind.target = between(1, 2000);
          break;
        case TargetKind::percent:
          ind.unit = "%";
          ind.target = between(50, 100);
          break;
        case TargetKind::zero:
          ind.method = "按照完成比例赋分";
          break;
        case TargetKind::qualitative:
          ind.method = "按评判等级赋分";
          break;
        case TargetKind::deadline:
          ind.method = "直接赋分";
          break;
      }
      type.indicators.push_back(ind);
    }
    return type;
  }

  // An actual value as a table writes it: met, missed, exceeded, zero,
  // or 不适用 under the policy that drops such indicators.
  std::string actual(const Indicator& ind, const PolicyChoice& policy) {
    if (policy.total == TotalRule::rescaled_to_applicable && between(0, 9) == 0) {
      return "不适用";
    }
    switch (ind.kind) {
      case TargetKind::at_least:
      case TargetKind::at_most:
      case TargetKind::percent: {
        const int roll = between(0, 9);
        const int value = roll < 4   ? ind.target
                          : roll < 6 ? between(0, ind.target)
                          : roll < 9 ? between(ind.target, ind.target * 2)
                                     : 0;
        return "=" + std::to_string(value) + ind.unit;
      }
      case TargetKind::zero:
        return between(0, 3) == 0 ? "=1" : "=0";
      case TargetKind::qualitative:
        return pick(kGrades);
      case TargetKind::deadline:
        return "=2024年12月" + std::to_string(between(1, 20)) + "日";
    }
    return {};
  }

  json table(const ProjectType& type) {
    json indicators = json::array();
    for (const auto& ind : type.indicators) {
      json row{{"name", ind.name}, {"actual", actual(ind, *type.policy)}};
      if (between(0, 1) == 0) {
        row["explanation"] = "已按计划推进，个别指标受客观因素影响。";
      }
      indicators.push_back(row);
    }
    const int budget = between(1, 5000);
    const int executed = between(0, 1) == 0 ? budget : between(0, budget);
    return json{{"project", type.name},
                {"funds",
                 {{"planned", std::to_string(budget)},
                  {"budget", std::to_string(budget)},
                  {"executed", std::to_string(executed) + "." + std::to_string(between(0, 99))}}},
                {"indicators", indicators}};
  }

 private:
  std::mt19937 random_;
};

std::string target_text(const Indicator& ind) {
  switch (ind.kind) {
    case TargetKind::at_least:
      return ">= " + std::to_string(ind.target) + ind.unit;
    case TargetKind::at_most:
      return "<= " + std::to_string(ind.target) + ind.unit;
    case TargetKind::percent:
      return ">= " + std::to_string(ind.target) + "%";
    case TargetKind::zero:
      return "= 0";
    case TargetKind::qualitative:
      return "长期";
    case TargetKind::deadline:
      return "2024年12月10日前";
  }
  return {};
}

std::string rule_text(const std::vector<ProjectType>& types) {
  std::string out;
  for (const auto& type : types) {
    out += "project " + type.name + " policy " + type.policy->name + " {\n";
    for (std::size_t i = 0; i < type.indicators.size(); ++i) {
      const Indicator& ind = type.indicators[i];
      const Category& c = kCategories[i % std::size(kCategories)];
      out += "  " + std::string(c.first) + " / " + c.second + " {\n";
      out += "    indicator " + ind.name + "  weight " + std::to_string(ind.weight) + "  target " +
             target_text(ind) + "  method " + ind.method + "\n  }\n";
    }
    out += "}\n\n";
  }
  return out;
}

Rational number(const json& text) {
  std::string s = text.get<std::string>();
  const bool percent = !s.empty() && s.back() == '%';
  if (percent) {
    s.pop_back();
  }
  const auto value = percent ? Rational::parse_percent(s) : Rational::parse(s);
  REQUIRE(value);
  return *value;
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// One CSV line split into fields (RFC 4180 quotes; no line breaks in the
// generated text).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

// A figure of a JSON or JSON Lines record: null when the record leaves it
// out (JSON Lines omits what JSON gives as null).
json field(const json& record, const char* key) {
  return record.contains(key) ? record.at(key) : json();
}

// A figure as a CSV cell shows it: empty for none.
std::string text_or_empty(const json& figure) {
  return figure.is_null() ? std::string() : figure.get<std::string>();
}

struct Workspace {
  fs::path dir;
  std::vector<ProjectType> types;
  std::size_t tables = 0;
};

Workspace make_workspace(unsigned seed) {
  Workspace w;
  w.dir = fs::temp_directory_path() /
          ("perfeval-properties-" + std::to_string(getpid()) + "-" + std::to_string(seed));
  fs::remove_all(w.dir);
  fs::create_directories(w.dir / "rules");
  const fs::path shipped = fs::path(PERFEVAL_SOURCE_DIR) / "rules";
  fs::copy_file(shipped / "library" / "全国模板.perf", w.dir / "rules" / "全国模板.perf");
  fs::copy_file(shipped / "新疆2024.perf", w.dir / "rules" / "新疆2024.perf");
  Generator gen(seed);
  for (int i = 0; i < 12; ++i) {
    w.types.push_back(gen.project_type(i + 1));
  }
  write(w.dir / "rules" / "generated.perf", rule_text(w.types));
  std::string lines;
  for (int i = 0; i < 80; ++i) {
    lines += gen.table(w.types[static_cast<std::size_t>(gen.between(0, 11))]).dump() + "\n";
    ++w.tables;
  }
  write(w.dir / "tables.jsonl", lines);
  return w;
}

const PolicyChoice& policy_named(const std::string& name) {
  for (const auto& p : kPolicies) {
    if (name == p.name) {
      return p;
    }
  }
  FAIL("a policy the generator does not use: " << name);
  return kPolicies[0];
}

}  // namespace

TEST_CASE("properties: scores stay within their weights and totals add up, for generated tables") {
  std::size_t below_weight = 0;
  std::size_t over_achieved = 0;
  for (unsigned seed = 1; seed <= 8; ++seed) {
    INFO("seed " << seed);
    const Workspace w = make_workspace(seed);
    const auto run = perfeval::test::run_perfeval(w.dir, "--lang en -f json rules tables.jsonl");
    INFO(run.err);
    REQUIRE(run.status == 0);
    const json out = json::parse(run.out);
    REQUIRE(out.at("projects").size() == w.tables);
    for (const auto& project : out.at("projects")) {
      INFO(project.at("file").get<std::string>());
      const PolicyChoice& policy = policy_named(project.at("policy"));
      Rational indicators = 0;
      Rational applicable = 0;
      for (const auto& ind : project.at("indicators")) {
        if (!ind.at("applicable").get<bool>()) {
          continue;
        }
        const Rational weight = number(ind.at("weight"));
        const Rational score = number(ind.at("score"));
        CHECK(score >= Rational(0));
        CHECK(score <= weight);
        CHECK(score == score.round_half_up(policy.score_digits));
        below_weight += score < weight ? 1 : 0;
        over_achieved += number(ind.at("rate")) > Rational(1) ? 1 : 0;
        indicators += score;
        applicable += weight;
      }
      const Rational funds_score = number(project.at("funds").at("score"));
      CHECK(funds_score >= Rational(0));
      CHECK(funds_score <= Rational(10));
      const Rational total = number(project.at("total"));
      const Rational sum = indicators + funds_score;
      switch (policy.total) {
        case TotalRule::sum:
          CHECK(total == sum);
          break;
        case TotalRule::capped_by_funds:
          CHECK(total <= sum);
          CHECK(
              (total == sum || number(project.at("funds").at("rate")) < Rational::fraction(4, 5)));
          break;
        case TotalRule::rescaled_to_applicable:
          CHECK(total == (sum * Rational(100) / (applicable + Rational(10)))
                             .round_half_up(policy.score_digits));
          break;
      }
    }
    fs::remove_all(w.dir);
  }
  // The generator reaches the cases that matter: missed and exceeded targets.
  CHECK(below_weight > 100);
  CHECK(over_achieved > 100);
}

TEST_CASE("properties: -j 1 and -j 2 print the same bytes in every format") {
  for (unsigned seed = 11; seed <= 13; ++seed) {
    INFO("seed " << seed);
    const Workspace w = make_workspace(seed);
    for (const std::string format : {"text", "json", "jsonl", "csv", "md", "html"}) {
      INFO("format " << format);
      const auto one =
          perfeval::test::run_perfeval(w.dir, "-j 1 -f " + format + " rules tables.jsonl");
      const auto two =
          perfeval::test::run_perfeval(w.dir, "-j 2 -f " + format + " rules tables.jsonl");
      CHECK(one.status == 0);
      CHECK(one.status == two.status);
      CHECK(one.out.size() > 1000);
      CHECK(one.out == two.out);
      CHECK(one.err == two.err);
    }
    for (const std::string command : {"audit", "explain"}) {
      const auto one = perfeval::test::run_perfeval(w.dir, command + " -j 1 rules tables.jsonl");
      const auto two = perfeval::test::run_perfeval(w.dir, command + " -j 2 rules tables.jsonl");
      CHECK(one.status == two.status);
      CHECK(one.out == two.out);
    }
    fs::remove_all(w.dir);
  }
}

TEST_CASE("properties: JSON, JSON Lines and CSV carry the same figures") {
  for (unsigned seed = 21; seed <= 23; ++seed) {
    INFO("seed " << seed);
    const Workspace w = make_workspace(seed);
    const auto whole = perfeval::test::run_perfeval(w.dir, "--lang en -f json rules tables.jsonl");
    const auto lines = perfeval::test::run_perfeval(w.dir, "--lang en -f jsonl rules tables.jsonl");
    const auto csv = perfeval::test::run_perfeval(w.dir, "--lang en -f csv rules tables.jsonl");
    REQUIRE(whole.status == 0);
    REQUIRE(lines.status == 0);
    REQUIRE(csv.status == 0);
    const json projects = json::parse(whole.out).at("projects");

    // JSON Lines: one line a table, in input order, then a summary line.
    std::istringstream line_stream(lines.out);
    std::string line;
    std::size_t n = 0;
    while (std::getline(line_stream, line) && n < projects.size()) {
      const json streamed = json::parse(line);
      const json& p = projects.at(n++);
      CHECK(streamed.at("total") == p.at("total"));
      CHECK(streamed.at("funds").at("score") == p.at("funds").at("score"));
      CHECK(streamed.at("funds").at("rate") == p.at("funds").at("rate"));
      REQUIRE(streamed.at("indicators").size() == p.at("indicators").size());
      for (std::size_t i = 0; i < p.at("indicators").size(); ++i) {
        const json& a = streamed.at("indicators").at(i);
        const json& b = p.at("indicators").at(i);
        CHECK(a.at("name") == b.at("name"));
        for (const char* key : {"score", "rate", "met", "explanation_required"}) {
          INFO(key);
          CHECK(field(a, key) == field(b, key));
        }
      }
    }
    CHECK(n == projects.size());

    // CSV: a funds row, a row an indicator and a total row, table by table.
    std::istringstream csv_stream(csv.out);
    std::getline(csv_stream, line);  // the header, after the byte-order mark
    REQUIRE(line.rfind("\xEF\xBB\xBF", 0) == 0);
    line.erase(0, 3);
    const std::vector<std::string> header = csv_fields(line);
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.size(); ++i) {
      column[header[i]] = i;
    }
    REQUIRE(column.count("score"));
    REQUIRE(column.count("rate"));
    REQUIRE(column.count("row"));
    for (const auto& p : projects) {
      REQUIRE(std::getline(csv_stream, line));
      auto fields = csv_fields(line);
      CHECK(fields.at(column["row"]) == "funds");
      CHECK(fields.at(column["score"]) == p.at("funds").at("score").get<std::string>());
      CHECK(fields.at(column["rate"]) == p.at("funds").at("rate").get<std::string>());
      for (const auto& ind : p.at("indicators")) {
        REQUIRE(std::getline(csv_stream, line));
        fields = csv_fields(line);
        CHECK(fields.at(column["row"]) == "indicator");
        CHECK(fields.at(column["indicator"]) == ind.at("name").get<std::string>());
        CHECK(fields.at(column["score"]) == text_or_empty(field(ind, "score")));
        CHECK(fields.at(column["rate"]) == text_or_empty(field(ind, "rate")));
      }
      REQUIRE(std::getline(csv_stream, line));
      fields = csv_fields(line);
      CHECK(fields.at(column["row"]) == "total");
      CHECK(fields.at(column["score"]) == p.at("total").get<std::string>());
    }
    fs::remove_all(w.dir);
  }
}
