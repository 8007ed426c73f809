// The catalogue of bad inputs (tests/bad_inputs/README.md): each case run
// through the real command line next to a good table, with the exact
// message, the exit status, and the good table still scored.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>
#include <vector>

#include "cli_support.hpp"
#include "perfeval/values/value.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = PERFEVAL_SOURCE_DIR;
const fs::path kCases = kSource / "tests/bad_inputs";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

using perfeval::test::Outcome;
using perfeval::test::run_perfeval;

// A folder of its own for one case; CTest runs cases in parallel processes.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() /
             ("perfeval-bad-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// Inputs that are written when the test runs rather than kept in git.
const std::map<std::string, std::function<void(const fs::path&)>>& generators() {
  static const std::map<std::string, std::function<void(const fs::path&)>> all = {
      {"name-10000-characters",
       [](const fs::path& dir) {
         std::string name;
         for (int i = 0; i < 10000; ++i) name += "名";
         write(dir / "rules/zz-long.perf",
               "project \"长名项目\" policy 新疆2024 {\n  产出指标 / 数量指标 {\n    indicator " +
                   name + " weight 90 target >= 1个 method 按照完成比例赋分\n  }\n}\n");
       }},
      {"formula-nested-100000-deep",
       [](const fs::path& dir) {
         write(dir / "rules/zz-deep.perf", "method 深方法 {\n  rate = " + std::string(100000, '(') +
                                               "actual" + std::string(100000, ')') +
                                               "\n  score = weight\n}\n");
       }},
      {"json-larger-than-the-limit",
       [](const fs::path& dir) {
         // One byte over the 64 MB of RunOptions::max_data_bytes, all spaces.
         std::ofstream out(dir / "data/huge.json", std::ios::binary);
         const std::string block(1 << 20, ' ');
         for (int i = 0; i < 64; ++i) out << block;
         out << ' ';
       }},
      {"json-nested-100000-deep",
       [](const fs::path& dir) {
         write(dir / "data/deep.json", std::string(100000, '[') + std::string(100000, ']'));
       }},
      {"data-file-is-a-pipe",
       [](const fs::path& dir) { REQUIRE(mkfifo((dir / "data/pipe.json").c_str(), 0644) == 0); }},
      {"file-name-not-utf8",
       [](const fs::path& dir) {
         // Linux file names are bytes; this one is Latin-1, as a USB stick may bring it.
         fs::copy_file(kSource / "examples/weikuan.json", dir / "data" / "r\xe9sum\xe9.json");
       }},
      {"data-file-is-a-dangling-link",
       [](const fs::path& dir) { fs::create_symlink("gone.json", dir / "data/link.json"); }},
  };
  return all;
}

// Runs one case folder and checks everything its files say.
void run_case(const std::string& name) {
  const fs::path spec = kCases / name;
  REQUIRE(fs::is_directory(spec));
  TempDir dir(name);
  fs::copy(kSource / "rules", dir.path / "rules", fs::copy_options::recursive);
  fs::create_directories(dir.path / "data");
  fs::copy_file(kSource / "examples/jiuye-buzhu-2024.json",
                dir.path / "data/jiuye-buzhu-2024.json");
  for (const char* part : {"rules", "data"}) {
    if (fs::exists(spec / part)) {
      fs::copy(spec / part, dir.path / part,
               fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
  }
  if (const auto g = generators().find(name); g != generators().end()) {
    g->second(dir.path);
  }
  const auto word_file = [&](const char* file) {
    std::string word = fs::exists(spec / file) ? read(spec / file) : "";
    word.erase(word.find_last_not_of("\r\n") + 1);
    return word;
  };
  std::string args = "rules data";
  if (const std::string extra = word_file("args"); !extra.empty()) {
    args += " " + extra;
  }
  // `command`, when present, names the command that meets the input (audit);
  // the good table is checked with plain scoring either way.
  const std::string command = word_file("command");
  const std::string run_args = "--lang en " + (command.empty() ? "" : command + " ") + args;
  args = "--lang en " + args;

  const auto started = std::chrono::steady_clock::now();
  const Outcome text = run_perfeval(dir.path, run_args);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  INFO("case " << name << ": perfeval " << run_args);
  CHECK(seconds.count() < 20);  // a hostile file is refused quickly, never a hang

  const fs::path golden = spec / "expected.txt";
  if (std::getenv("PERFEVAL_UPDATE_GOLDEN")) {
    write(golden, text.err);
  }
  REQUIRE(fs::exists(golden));
  CHECK(text.err == read(golden));
  CHECK(text.status == std::stoi(read(spec / "status")));

  // The good table next to the bad input is still scored, to the same total.
  const Outcome json = run_perfeval(dir.path, "-f json " + args);
  const auto doc = nlohmann::json::parse(json.out);
  bool good_scored = false;
  for (const auto& p : doc.at("projects")) {
    if (p.value("file", "") == "data/jiuye-buzhu-2024.json") {
      good_scored = p.value("total", "") == "99.80";
    }
  }
  CHECK(good_scored);
  if (text.status == 0) {
    // Input that is accepted (a byte-order mark, CRLF, 1500%) is scored in full.
    CHECK(doc["summary"]["failed"] == 0);
    CHECK(doc["summary"]["scored"] == doc["summary"]["data_files"]);
  }
}

}  // namespace

TEST_CASE("bad input: every case folder has a test") {
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (!entry.is_directory()) {
      continue;
    }
    INFO(entry.path().filename().string());
    CHECK(fs::exists(entry.path() / "status"));
  }
}

#define BAD_INPUT(name)           \
  TEST_CASE("bad input: " name) { \
    run_case(name);               \
  }

BAD_INPUT("empty-rule-file")
BAD_INPUT("empty-data-file")
BAD_INPUT("rule-file-cut-off")
BAD_INPUT("rule-file-cut-off-mid-statement")
BAD_INPUT("unbalanced-braces-extra")
BAD_INPUT("unbalanced-parenthesis")
BAD_INPUT("byte-order-mark")
BAD_INPUT("crlf-line-ends")
BAD_INPUT("invalid-utf8-rules")
BAD_INPUT("invalid-utf8-data")
BAD_INPUT("full-width-punctuation")
BAD_INPUT("full-width-in-name")
BAD_INPUT("name-10000-characters")
BAD_INPUT("formula-nested-100000-deep")
BAD_INPUT("number-400-digits")
BAD_INPUT("target-400-digits")
BAD_INPUT("negative-weight")
BAD_INPUT("weights-do-not-add-up")
BAD_INPUT("percent-over-1000")
BAD_INPUT("date-does-not-exist-in-target")
BAD_INPUT("date-does-not-exist-in-actual")
BAD_INPUT("month-13-in-a-date")
BAD_INPUT("month-13-as-a-count")
BAD_INPUT("unit-differs")
BAD_INPUT("json-duplicate-key")
BAD_INPUT("json-truncated")
BAD_INPUT("json-syntax-error")
BAD_INPUT("json-wrong-types")
BAD_INPUT("json-not-an-object")
BAD_INPUT("json-missing-fields")
BAD_INPUT("json-larger-than-the-limit")
BAD_INPUT("json-nested-100000-deep")
BAD_INPUT("unknown-project-type")
BAD_INPUT("two-projects-of-the-same-name")
BAD_INPUT("project-in-a-rule-file-with-errors")
BAD_INPUT("data-file-is-a-pipe")
BAD_INPUT("data-file-is-a-dangling-link")
BAD_INPUT("data-path-does-not-exist")
BAD_INPUT("file-name-not-utf8")
BAD_INPUT("too-many-decimals")          // found by fuzz_value: shown as a different number
BAD_INPUT("date-year-starting-with-0")  // found by fuzz_value: 0242 shown as 242
BAD_INPUT("reported-total-60-digits")   // audit aborted reading it a second time
BAD_INPUT("funds-0-over-0-audit")       // a table audit could not score: exit 1
// Tables that carry their own indicators (docs/data-format.md)
BAD_INPUT("table-without-policy")
BAD_INPUT("table-policy-on-command-line")
BAD_INPUT("table-unknown-policy")
BAD_INPUT("table-unknown-method")
BAD_INPUT("table-bad-target-and-weight")
BAD_INPUT("table-weights-do-not-add-up")
BAD_INPUT("table-row-without-target-and-duplicate")
BAD_INPUT("table-differs-from-rules")
BAD_INPUT("xlsx-not-a-zip")             // a CSV saved under an .xlsx name
BAD_INPUT("xlsx-encrypted")             // a workbook with a password
BAD_INPUT("xlsx-not-a-workbook")        // a zip holding a document
BAD_INPUT("xlsx-cut-off")               // half a workbook
BAD_INPUT("xlsx-only-a-chart")          // a chart sheet and a sheet of figures, no table
BAD_INPUT("xlsx-bad-cells")  // a blank 业绩值, an amount in words; the next sheet scored
BAD_INPUT("xlsx-5000-merges-to-the-last-row")  // read in time, not cell by merge
BAD_INPUT("gbk-data")                   // saved as GBK ("ANSI"): says to save as UTF-8
BAD_INPUT("actual-blank")               // not filled in, unlike "/" (not applicable)
BAD_INPUT("actual-slash-not-skipped")   // "/" under a policy that does not skip it
BAD_INPUT("funds-row-not-an-amount")    // a funds row whose amount is a word
BAD_INPUT("actual-wan-yi-overflow")  // found by fuzz_value: 万万亿万万亿 overflowed, aborted
BAD_INPUT("use-target-missing")
BAD_INPUT("policy-name-ambiguous")
BAD_INPUT("funds-row-named-by-policy-missing")
BAD_INPUT("table-first-row-without-weight-and-target")

TEST_CASE("bad input: every case is listed above") {
  std::size_t folders = 0;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    folders += entry.is_directory() ? 1 : 0;
  }
  CHECK(folders == 67);
}

TEST_CASE("bad input: messages are in Chinese with --lang zh too") {
  TempDir dir("zh");
  write(dir.path / "empty.json", "");
  const Outcome o =
      run_perfeval(dir.path, "--lang zh '" + (kSource / "rules").string() + "' empty.json");
  CHECK(o.status == 1);
  CHECK(o.err == "empty.json: 错误: 文件为空；数据文件应为一个 JSON 对象 { ... }\n\n");
}

TEST_CASE("bad input: audit --format json with text that is not UTF-8") {
  TempDir dir("audit-json");
  fs::copy(kCases / "invalid-utf8-data/data", dir.path);
  fs::copy_file(kSource / "examples/jiuye-buzhu-2024.json", dir.path / "good.json");
  const Outcome o =
      run_perfeval(dir.path, "audit -f json --lang en '" + (kSource / "rules").string() + "' .");
  CHECK(o.status == 1);
  const auto doc = nlohmann::json::parse(o.out);
  CHECK(doc["projects"].size() == 1);
}

// What the fuzzers found (docs/hardening.md): value text that was read as
// one value and shown as another. Each must now be refused, and any value
// that is read must show as text that reads back as the same value.
TEST_CASE("bad input: values found by fuzz_value") {
  using ::perfeval::ParsedValue;
  using ::perfeval::ValueError;
  for (const std::string_view text : {"<=28888.88888888888888888008元", "0242年12月10日前",
                                      "0242-12-10", "=0.333333333333333333%"}) {
    INFO(text);
    CHECK(std::holds_alternative<ValueError>(::perfeval::parse_value(text)));
  }
  for (const std::string_view text : {"=0.3333333333333333%", "2024年2月29日", "=13.41万人次",
                                      "<=1.000000000000000001万元", "1000-01-01"}) {
    INFO(text);
    const auto parsed = ::perfeval::parse_value(text);
    REQUIRE(std::holds_alternative<ParsedValue>(parsed));
    const auto& value = std::get<ParsedValue>(parsed).value;
    const auto again = ::perfeval::parse_value(::perfeval::to_display(value));
    REQUIRE(std::holds_alternative<ParsedValue>(again));
    CHECK(std::get<ParsedValue>(again).value == value);
  }
}

// Projects are reported in the order their files are named on the command
// line; the files of a folder in path order. So naming the same files in
// the other order gives the same projects in the other order, and a folder
// gives the same result as its files named in path order.
TEST_CASE("output: results do not depend on the order files are listed") {
  const std::string a = "examples/jiuye-buzhu-2024.json";
  const std::string b = "examples/weikuan.json";
  const auto run_json = [](const std::string& args) {
    const Outcome o = run_perfeval(kSource, "-f json rules " + args);
    REQUIRE(o.status == 0);
    return nlohmann::json::parse(o.out);
  };
  const auto ab = run_json(a + " " + b);
  const auto ba = run_json(b + " " + a);
  REQUIRE(ab["projects"].size() == 2);
  CHECK(ab["projects"][0] == ba["projects"][1]);
  CHECK(ab["projects"][1] == ba["projects"][0]);
  CHECK(ab["summary"] == ba["summary"]);

  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kSource / "examples")) {
    if (entry.path().extension() == ".json") {
      files.push_back("examples/" + entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::string sorted;
  for (const auto& f : files) sorted += " " + f;
  std::string reversed;
  for (auto it = files.rbegin(); it != files.rend(); ++it) reversed += " " + *it;
  const auto folder = run_json("examples");
  CHECK(folder == run_json(sorted));
  auto backwards = run_json(reversed);
  std::reverse(backwards["projects"].begin(), backwards["projects"].end());
  CHECK(folder == backwards);
}
