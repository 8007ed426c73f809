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

RunOptions options_for(const fs::path& data) {
  RunOptions options;
  options.rules = "rules";
  options.data = {data};
  return options;
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
    const RunResults results = run(options_for(file), sources);
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
  const RunResults results = run(options_for("examples"), sources);
  CHECK(results.projects.size() == 17);
  compare_with_golden(to_json(results, sources, Lang::zh).dump(2) + "\n",
                      "tests/golden/examples.json");
}

TEST_CASE("golden: the audit of the whole seed, as text and JSON") {
  InSourceDir here;
  SourceManager sources;
  RunOptions options = options_for("examples");
  options.scoring.explain = true;
  const RunResults results = run(options, sources);
  std::ostringstream text;
  write_audit_text(text, results, sources, TextOptions{Lang::zh, false, 40});
  compare_with_golden(text.str(), "tests/golden/audit.txt");
  compare_with_golden(audit_json(results, sources, Lang::zh).dump(2) + "\n",
                      "tests/golden/audit.json");
}

TEST_CASE("golden: the working of every figure of one table, in Chinese and English") {
  InSourceDir here;
  for (const Lang lang : {Lang::zh, Lang::en}) {
    SourceManager sources;
    RunOptions options = options_for("examples/nongcun-laodongli-waichu-wugong.json");
    options.scoring.explain = true;
    options.scoring.lang = lang;
    const RunResults results = run(options, sources);
    std::ostringstream text;
    write_explanation(text, results, sources, TextOptions{lang, false, 40}, {});
    compare_with_golden(text.str(), std::string("tests/golden/explain-") +
                                        (lang == Lang::zh ? "zh" : "en") + ".txt");
  }
}
