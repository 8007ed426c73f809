// An indicator that is not applicable (不适用, dropped from the total) shows
// no rate and no score in any report: a 0.00 in its row would be read as a
// score of 0 and added up by hand.

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;

// The library's 不适用折算 with the example project of tests/rules, whose
// 次数 is 不适用 in na-one.json.
fs::path not_applicable_folder() {
  const fs::path source(PERFEVAL_SOURCE_DIR);
  const fs::path dir =
      fs::temp_directory_path() / ("perfeval-not-applicable-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "rules");
  fs::copy_file(source / "rules/library/全国模板.perf", dir / "rules/全国模板.perf");
  fs::copy_file(source / "tests/rules/conventions.perf", dir / "rules/conventions.perf");
  fs::copy_file(source / "tests/rules/data/na-one.json", dir / "na-one.json");
  return dir;
}

std::string report(const fs::path& dir, const std::string& format) {
  const auto run =
      perfeval::test::run_perfeval(dir, "--lang zh -f " + format + " rules na-one.json");
  REQUIRE(run.status == 0);
  return run.out;
}

}  // namespace

TEST_CASE("reports: a not-applicable indicator shows no rate and no score in any format") {
  const fs::path dir = not_applicable_folder();

  const auto json = nlohmann::json::parse(report(dir, "json"));
  const auto& row = json.at("projects").at(0).at("indicators").at(1);
  REQUIRE(row.at("name") == "次数");
  CHECK(row.at("applicable") == false);
  for (const char* key : {"rate", "score", "score_exact", "met", "explanation_required"}) {
    INFO(key);
    CHECK(row.at(key).is_null());
  }

  CHECK(report(dir, "md").find("| 次数 | 20 | >= 10次 | 不适用 | — | 不适用 |") !=
        std::string::npos);
  CHECK(report(dir, "html")
            .find("<td>不适用</td><td class=\"num\">—</td><td class=\"num\">不适用</td>") !=
        std::string::npos);
  CHECK(report(dir, "csv").find(",次数,20,>= 10次,不适用,,,,,") != std::string::npos);
  const std::string text = report(dir, "text");
  const auto start = text.find("次数");
  REQUIRE(start != std::string::npos);
  const std::string line = text.substr(start, text.find('\n', start) - start);
  CHECK(line.find("0.00") == std::string::npos);
  CHECK(line.find("—") != std::string::npos);
  fs::remove_all(dir);
}
