// The command line as a user meets it: exit codes, output on the right
// stream, one bad file not stopping the others.

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.hpp"

namespace fs = std::filesystem;

namespace {

using perfeval::test::Outcome;

// Runs perfeval from the source folder with `args`.
Outcome run_cli(const std::string& args) {
  return perfeval::test::run_perfeval(PERFEVAL_SOURCE_DIR, args);
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("perfeval-cli-data-" + std::to_string(getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
  }
};

}  // namespace

TEST_CASE("cli: --version and --help") {
  const auto version = run_cli("--version");
  CHECK(version.status == 0);
  CHECK(version.out.starts_with("perfeval "));
  const auto help = run_cli("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("RULES") != std::string::npos);
  CHECK(help.out.find("--format") != std::string::npos);
}

TEST_CASE("cli: a wrong command line exits 2") {
  CHECK(run_cli("").status == 2);
  CHECK(run_cli("rules examples --format pdf").status == 2);
  const auto unknown = run_cli("--no-such-option rules examples");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("--no-such-option") != std::string::npos);
  CHECK(unknown.out.empty());
  CHECK(run_cli("audit --no-such-option rules examples").status == 2);
  CHECK(run_cli("rules").err.find("DATA is required") != std::string::npos);
  CHECK(run_cli("audit rules").err.find("DATA is required") != std::string::npos);
  CHECK(run_cli("test rules").err.find("TESTS is required") != std::string::npos);
}

TEST_CASE("cli: every command's --help exits 0 and names the command") {
  for (const std::string command : {"audit", "explain", "check", "test", "fmt"}) {
    INFO(command);
    const auto help = run_cli(command + " --help");
    CHECK(help.status == 0);
    CHECK(help.out.find("Usage: perfeval " + command + " [OPTIONS]") != std::string::npos);
    CHECK(help.out.find("Exit status:") != std::string::npos);
    CHECK(help.err.empty());
  }
  // The top level's own: scoring, its formats, and the list of commands.
  const auto help = run_cli("--help");
  CHECK(help.out.find("--output") != std::string::npos);
  CHECK(help.out.find("perfeval fmt [--check] FILES...") != std::string::npos);
  CHECK(run_cli("fmt --help").out.find("--output") == std::string::npos);
}

TEST_CASE("cli: options before the command word belong to the command") {
  const auto json = run_cli("-f json --lang en audit rules examples");
  CHECK(json.status == 3);
  CHECK(nlohmann::json::parse(json.out)["summary"]["differences"] == 6);
  // Checked as the command checks them, and refused when it takes none such.
  CHECK(run_cli("-f html audit rules examples").status == 2);
  const auto output = run_cli("-o out.txt audit rules examples");
  CHECK(output.status == 2);
  CHECK(output.err.find("--output") != std::string::npos);
  CHECK(!fs::exists(fs::path(PERFEVAL_SOURCE_DIR) / "out.txt"));
  CHECK(run_cli("-j 2 test rules tests/rules").status == 2);
  CHECK(run_cli("test rules tests/rules extra").status == 2);
}

TEST_CASE("cli: only the first word can be a command word") {
  // A data folder named like a command is scored; a rules folder named like
  // one is read after the command word.
  TempDir dir;
  fs::create_directories(dir.path / "audit");
  fs::copy(fs::path(PERFEVAL_SOURCE_DIR) / "rules", dir.path / "check",
           fs::copy_options::recursive);
  fs::copy_file(fs::path(PERFEVAL_SOURCE_DIR) / "examples/jiuye-buzhu-2024.json",
                dir.path / "audit/a.json");
  const auto scored = perfeval::test::run_perfeval(
      dir.path, "--lang en '" + (fs::path(PERFEVAL_SOURCE_DIR) / "rules").string() + "' audit");
  CHECK(scored.status == 0);
  CHECK(scored.out.find("Budget execution") != std::string::npos);
  const auto audited = perfeval::test::run_perfeval(dir.path, "audit --lang en check audit");
  CHECK(audited.status == 0);
  CHECK(audited.out.find("nothing found") != std::string::npos);
}

TEST_CASE("cli: the shipped rules and examples score cleanly") {
  const auto o = run_cli("--lang zh rules examples");
  CHECK(o.status == 0);
  CHECK(o.err.empty());
  CHECK(o.out.find("2024年自治区就业补助资金") != std::string::npos);
  CHECK(o.out.find("汇总") != std::string::npos);
}

TEST_CASE("cli: --format json is one JSON document with the same totals") {
  const auto o = run_cli("--format json rules examples/jiuye-buzhu-2024.json");
  CHECK(o.status == 0);
  const auto doc = nlohmann::json::parse(o.out);
  REQUIRE(doc["projects"].size() == 1);
  CHECK(doc["projects"][0]["total"] == "99.80");
  CHECK(doc["summary"]["scored"] == 1);
}

TEST_CASE("cli: JSON Lines on standard input stream out as JSON Lines, for any -j") {
  TempDir dir;
  const auto doc = nlohmann::json::parse(
      std::ifstream(fs::path(PERFEVAL_SOURCE_DIR) / "examples/jiuye-buzhu-2024.json"));
  dir.write("in.jsonl", doc.dump() + "\n" + doc.dump() + "\n");
  const auto one = perfeval::test::run_perfeval(PERFEVAL_SOURCE_DIR, "-j 1 -f jsonl rules -",
                                                dir.path / "in.jsonl");
  const auto two = perfeval::test::run_perfeval(PERFEVAL_SOURCE_DIR, "-j 2 -f jsonl rules -",
                                                dir.path / "in.jsonl");
  CHECK(one.status == 0);
  CHECK(one.out == two.out);
  std::istringstream lines(one.out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) {
    rows.push_back(nlohmann::json::parse(line));
  }
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["file"] == "<stdin>:1");
  CHECK(rows[1]["file"] == "<stdin>:2");
  CHECK(rows[1]["total"] == "99.80");
  CHECK(rows[2]["summary"]["tables"] == 2);
  CHECK(rows[2]["summary"]["scored"] == 2);

  // The same to a file with -o; the input is never overwritten.
  const auto to_file = perfeval::test::run_perfeval(
      PERFEVAL_SOURCE_DIR, "-f jsonl -o '" + (dir.path / "out.jsonl").string() + "' rules '" +
                               (dir.path / "in.jsonl").string() + "'");
  CHECK(to_file.status == 0);
  std::ifstream written(dir.path / "out.jsonl");
  std::string first;
  std::getline(written, first);
  CHECK(nlohmann::json::parse(first)["total"] == "99.80");
  const auto refused = perfeval::test::run_perfeval(
      PERFEVAL_SOURCE_DIR,
      "-f jsonl -o '" + (dir.path / "in.jsonl").string() + "' rules '" + dir.path.string() + "'");
  CHECK(refused.status == 2);
}

TEST_CASE("cli: past 100 tables the terminal shows one line per table") {
  TempDir dir;
  const fs::path example = fs::path(PERFEVAL_SOURCE_DIR) / "examples/jiuye-buzhu-2024.json";
  for (int k = 0; k < 101; ++k) {
    fs::copy_file(example, dir.path / (std::to_string(1000 + k) + ".json"));
  }
  const auto o = run_cli("--lang en rules '" + dir.path.string() + "'");
  CHECK(o.status == 0);
  std::istringstream lines(o.out);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) {
    rows.push_back(line);
  }
  REQUIRE(rows.size() == 1 + 101 + 1);
  CHECK(rows.front() == "Summary");
  CHECK(rows[1].find("2024年自治区就业补助资金") != std::string::npos);
  CHECK(rows[1].find("99.80  优") != std::string::npos);
  CHECK(rows.back() == "  projects 101, scored 101, failed 0 — 优 101");
  // One table fewer, and every table is shown whole again, ending in the
  // same summary.
  fs::remove(dir.path / "1000.json");
  const auto whole = run_cli("--lang en rules '" + dir.path.string() + "'");
  CHECK(whole.out.find("Budget execution") != std::string::npos);
  CHECK(whole.out.find("\nSummary\n  2024年自治区就业补助资金  ") != std::string::npos);
  CHECK(whole.out.ends_with("\n  projects 100, scored 100, failed 0 — 优 100\n"));
}

TEST_CASE("cli: a bad data file is reported, the others are still scored, exit 1") {
  TempDir dir;
  fs::copy_file(fs::path(PERFEVAL_SOURCE_DIR) / "examples/jiuye-buzhu-2024.json",
                dir.path / "a-good.json");
  dir.write("b-bad.json", "{\"project\": \"2024年自治区就业补助资金\", \"funds\": ");
  const auto o = run_cli("--lang en rules '" + dir.path.string() + "'");
  CHECK(o.status == 1);
  CHECK(o.err.find("b-bad.json:1:") != std::string::npos);
  CHECK(o.out.find("2024年自治区就业补助资金") != std::string::npos);
  CHECK(o.out.find("99.80") != std::string::npos);
}

TEST_CASE("cli: a DATA path that does not exist is an error naming it") {
  const auto o = run_cli("--lang en rules no/such/folder");
  CHECK(o.status == 1);
  CHECK(o.err.find("no/such/folder") != std::string::npos);
}

TEST_CASE("cli: audit exits 3 when it finds something, 0 when the tables are right") {
  const auto found = run_cli("--lang zh audit rules examples");
  CHECK(found.status == 3);
  CHECK(found.out.find("填报 3.9, 应为 3.96") != std::string::npos);
  const auto clean = run_cli("audit --lang en rules examples/jiuye-buzhu-2024.json");
  CHECK(clean.status == 0);
  CHECK(clean.out.find("nothing found") != std::string::npos);
  const auto json = run_cli("audit --format json rules examples");
  CHECK(json.status == 3);
  CHECK(nlohmann::json::parse(json.out)["summary"]["differences"] == 6);
}

// A table that could not be checked in full is a finding of the audit (3);
// a file that could not be read or scored is a problem with the input (1),
// and wins over any finding.
TEST_CASE("cli: audit exits 3 for a check it could not make, 1 when a file has an error") {
  TempDir dir;
  std::ifstream in(fs::path(PERFEVAL_SOURCE_DIR) / "examples/jiuye-buzhu-2024.json");
  auto table = nlohmann::json::parse(in);
  table["indicators"][0]["reported"]["score"] = "/";
  dir.write("a-no-score.json", table.dump());
  const auto unchecked = run_cli("audit --lang en rules '" + dir.path.string() + "'");
  CHECK(unchecked.status == 3);
  CHECK(unchecked.err.empty());
  CHECK(unchecked.out.find("not checked  1 rows print no score") != std::string::npos);
  CHECK(unchecked.out.find("nothing found") == std::string::npos);
  dir.write("b-bad.json", "{\"project\": ");
  const auto with_error = run_cli("audit --lang en rules '" + dir.path.string() + "'");
  CHECK(with_error.status == 1);
  CHECK(with_error.out.find("not checked  1 rows print no score") != std::string::npos);
}

TEST_CASE("cli: explain narrows to one indicator") {
  const auto o =
      run_cli("explain --lang zh rules examples -p 2024年自治区就业补助资金 -i 参加招聘的企业数量");
  CHECK(o.status == 0);
  CHECK(o.out.find("完成率 = 153家 ÷ 150家 = 102.00%") != std::string::npos);
  CHECK(o.out.find("招聘工作场租费") == std::string::npos);
  const auto none = run_cli("explain --lang en rules examples -i 不存在的指标");
  CHECK(none.out.find("no project or indicator matches") != std::string::npos);
}

TEST_CASE("cli: check reports every problem with its place and exits 1") {
  TempDir dir;
  dir.write("rules.perf",
            "policy P { total 100 funds { weight 10 rate = executed / budget score = weight } }\n"
            "method M { rate = actual / target score = weight * rate }\n"
            "project X policy P { 产出指标 / 数量指标 {\n"
            "  indicator 甲 weight 50 target >= 1个 method M\n"
            "  indicator 乙 weight 30 target >= 1个 method N } }\n");
  const auto o = run_cli("check --lang en '" + (dir.path / "rules.perf").string() + "'");
  CHECK(o.status == 1);
  CHECK(o.err.find("rules.perf:5:45: error: there is no method 'N'") != std::string::npos);
  CHECK(o.err.find("rules.perf:3:9: error: the weights of project 'X' add up to 90") !=
        std::string::npos);
  CHECK(o.out.find("1 rule files and 0 data files: 2 errors") != std::string::npos);
}

TEST_CASE("cli: check passes the shipped rules and examples") {
  const auto o = run_cli("check --lang en rules examples");
  CHECK(o.status == 0);
  CHECK(o.out.find("0 errors, 0 warnings") != std::string::npos);
}

TEST_CASE("cli: test runs rule tests and says how many passed") {
  TempDir dir;
  dir.write("a.test.json",
            R"({"policy": "新疆2024", "cases": [
                {"name": "right", "method": "按照完成比例赋分", "weight": "10",
                 "target": ">= 150家", "actual": "=153家", "expect": {"score": "9.8"}},
                {"name": "wrong", "method": "按照完成比例赋分", "weight": "10",
                 "target": ">= 150家", "actual": "=153家", "expect": {"score": "10"}}]})");
  const auto o = run_cli("test --lang en rules '" + dir.path.string() + "'");
  CHECK(o.status == 1);
  CHECK(o.out.find("case 2 'wrong': score expected 10, got 9.80") != std::string::npos);
  CHECK(o.out.find("1 passed, 1 failed") != std::string::npos);
  const auto zh = run_cli("test --lang zh rules '" + dir.path.string() + "'");
  CHECK(zh.status == 1);
  CHECK(zh.out.find("第2例“wrong”: score 应为 10，实际为 9.80") != std::string::npos);
  CHECK(zh.out.find("通过 1 例，失败 1 例") != std::string::npos);
  CHECK(zh.out.find("passed") == std::string::npos);
}

TEST_CASE("cli: fmt lays out a file in place, and --check lists what is not laid out") {
  TempDir dir;
  dir.write("r.perf", "method M{rate=actual/target score=weight*rate}\n");
  const std::string file = "'" + (dir.path / "r.perf").string() + "'";
  const auto checked = run_cli("fmt --check " + file);
  CHECK(checked.status == 1);
  CHECK(checked.out.find("r.perf") != std::string::npos);
  CHECK(run_cli("fmt --lang en " + file).status == 0);
  std::ifstream in(dir.path / "r.perf");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text == "method M {\n  rate  = actual / target\n  score = weight * rate\n}\n");
  CHECK(run_cli("fmt --check " + file).status == 0);
}

TEST_CASE("cli: -o writes the report to a file, never over an input") {
  TempDir dir;
  const auto html = run_cli("-f html -o '" + (dir.path / "r.html").string() +
                            "' rules examples/jiuye-buzhu-2024.json");
  CHECK(html.status == 0);
  CHECK(fs::file_size(dir.path / "r.html") > 1000);
  const auto refused = run_cli("-f csv -o examples/jiuye-buzhu-2024.json rules examples");
  CHECK(refused.status == 2);
  CHECK(refused.err.find("will not overwrite") != std::string::npos);
  CHECK(run_cli("-f xlsx rules examples").status == 2);  // a workbook needs -o
}
