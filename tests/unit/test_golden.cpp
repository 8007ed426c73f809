// Golden tests: perfeval over the shipped rules and every example, compared
// with the checked-in output under tests/golden/. Any change to a computed
// figure, a heading or a message shows up as a failing test.
//
// To accept an intended change: PERFEVAL_UPDATE_GOLDEN=1 ctest -R golden,
// then review the diff of tests/golden/ like code.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "perfeval/runtime/run.hpp"

using namespace perfeval;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs from the source folder so the paths in the output are relative.
struct InSourceDir {
  fs::path previous = fs::current_path();
  InSourceDir() { fs::current_path(PERFEVAL_SOURCE_DIR); }
  ~InSourceDir() { fs::current_path(previous); }
};

std::string text_output(const RunResults& results, const SourceManager& sources) {
  std::ostringstream out;
  for (const auto& d : results.diagnostics) {
    out << render(d, sources, Lang::zh) << "\n";
  }
  write_text(out, results, TextOptions{Lang::zh, false, 40});
  return out.str();
}

void compare_with_golden(const std::string& actual, const fs::path& golden) {
  if (std::getenv("PERFEVAL_UPDATE_GOLDEN")) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
  }
  INFO("golden file: " << golden.string()
                       << " (PERFEVAL_UPDATE_GOLDEN=1 rewrites it; review the diff)");
  REQUIRE(fs::exists(golden));
  CHECK(actual == read(golden));
}

std::vector<fs::path> examples() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(PERFEVAL_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() == ".json") {
      files.push_back(fs::path("examples") / entry.path().filename());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("golden: every seed table scored as a terminal table") {
  InSourceDir here;
  const auto files = examples();
  REQUIRE(files.size() == 17);
  for (const auto& file : files) {
    SourceManager sources;
    const RunResults results = run({"rules", {file}, {}, 64 << 20}, sources);
    CHECK(results.diagnostics.empty());
    REQUIRE(results.projects.size() == 1);
    CHECK(results.projects[0].complete);
    compare_with_golden(text_output(results, sources),
                        fs::path("tests/golden/tables") / (file.stem().string() + ".txt"));
  }
}

TEST_CASE("golden: the whole seed as one JSON document") {
  InSourceDir here;
  SourceManager sources;
  const RunResults results = run({"rules", {"examples"}, {}, 64 << 20}, sources);
  CHECK(results.projects.size() == 17);
  compare_with_golden(to_json(results, sources, Lang::zh).dump(2) + "\n",
                      "tests/golden/examples.json");
}
