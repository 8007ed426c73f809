// perfeval RULES DATA... as the runtime decides it: which results are
// written as they are scored, and which from the whole run.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "perfeval/runtime/score_report.hpp"

namespace {

using namespace perfeval;
namespace fs = std::filesystem;

const fs::path kSource = PERFEVAL_SOURCE_DIR;

ScoreReport report_of(std::string format, std::vector<fs::path> data) {
  ScoreReport report;
  report.rules = kSource / "rules";
  report.data = std::move(data);
  report.format = std::move(format);
  return report;
}

}  // namespace

TEST_CASE("score report: JSON Lines always stream, documents never") {
  CHECK(writes_as_stream(report_of("jsonl", {kSource / "examples"})));
  for (const std::string format : {"json", "html", "csv", "md", "xlsx"}) {
    INFO(format);
    CHECK(!writes_as_stream(report_of(format, {"-"})));
  }
}

TEST_CASE(
    "score report: text streams past the tables shown whole, or when their number is unknown") {
  CHECK(!writes_as_stream(report_of("text", {kSource / "examples"})));
  CHECK(writes_as_stream(report_of("text", {"-"})));

  const fs::path dir =
      fs::temp_directory_path() / ("perfeval-score-report-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (std::size_t k = 0; k < kTablesShownWhole; ++k) {
    fs::copy_file(kSource / "examples/jiuye-buzhu-2024.json",
                  dir / (std::to_string(1000 + k) + ".json"));
  }
  CHECK(!writes_as_stream(report_of("text", {dir})));
  fs::copy_file(kSource / "examples/jiuye-buzhu-2024.json", dir / "one-more.json");
  CHECK(writes_as_stream(report_of("text", {dir})));
  fs::remove(dir / "one-more.json");
  std::ofstream(dir / "lines.jsonl") << "\n";  // JSON Lines: how many is not known
  CHECK(writes_as_stream(report_of("text", {dir})));
  fs::remove_all(dir);
}
