// perfeval check: every problem of a rules folder in one run, including the
// ones only running the formulas can find.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "perfeval/runtime/run.hpp"

using namespace perfeval;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> check_codes(const std::string& rules_text) {
  const fs::path file =
      fs::temp_directory_path() / ("perfeval-check-" + std::to_string(getpid()) + ".perf");
  std::ofstream(file, std::ios::binary) << rules_text;
  SourceManager sources;
  RunOptions options;
  options.rules = file;
  options.check_only = true;
  const RunResults results = run(options, sources);
  fs::remove(file);
  std::vector<std::string> codes;
  for (const auto& d : results.diagnostics) {
    codes.push_back(d.code);
  }
  return codes;
}

const std::string kPolicy =
    "policy P { total 100 funds { weight 10 rate = executed / budget score = weight * rate } }\n";

}  // namespace

TEST_CASE("check: the shipped rules and examples have no problems") {
  const fs::path here = fs::current_path();
  fs::current_path(PERFEVAL_SOURCE_DIR);
  SourceManager sources;
  RunOptions options;
  options.rules = "rules";
  options.data = {"examples"};
  options.check_only = true;
  const RunResults results = run(options, sources);
  fs::current_path(here);
  CHECK(results.diagnostics.empty());
  CHECK(results.projects.empty());  // check scores nothing it shows
  CHECK(results.data_files == 17);
}

TEST_CASE("check: a method that cannot score its indicator's target") {
  CHECK(check_codes(kPolicy +
                    "method 比例 { rate = actual / target score = weight * rate }\n"
                    "project X policy P { 产出指标 / 时效指标 {\n"
                    "  indicator 完成时间 weight 90 target 2024年12月10日前 method 比例 } }\n") ==
        std::vector<std::string>{"method-cannot-score"});
}

TEST_CASE("check: a formula that divides by a target of 0") {
  CHECK(check_codes(kPolicy + "method 比例 { rate = actual / target score = weight * rate }\n"
                              "project X policy P { 产出指标 / 数量指标 {\n"
                              "  indicator 人数 weight 90 target >= 13人 method 比例 } }\n") ==
        std::vector<std::string>{"divides-by-zero-target"});
}

TEST_CASE("check: unused methods are warnings, unused policies (a library) are not") {
  CHECK(check_codes(kPolicy +
                    "policy Q { total 100 funds { weight 10 rate = 1 score = weight } }\n"
                    "method 直接 { rate = if met then 100% else 0% score = weight * rate }\n"
                    "method 没用 { rate = 1 score = weight }\n"
                    "project X policy P { 产出指标 / 数量指标 {\n"
                    "  indicator 人数 weight 90 target >= 13人 method 直接 } }\n") ==
        std::vector<std::string>{"unused-method"});
}
