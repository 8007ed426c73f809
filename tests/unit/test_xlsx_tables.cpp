// Tables read from Excel workbooks score as their JSON transcriptions do:
// perfeval's own Excel report of every example read back, the printed
// layouts of tests/xlsx/printed (written by openpyxl from examples/*.json,
// tests/xlsx/make_printed_tables.py), and a workbook LibreOffice converted
// from CSV (tests/xlsx/converted).

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "perfeval/runtime/report.hpp"
#include "perfeval/runtime/report_formats.hpp"
#include "perfeval/runtime/run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSource = PERFEVAL_SOURCE_DIR;

struct Scored {
  json report;  // the JSON report of the run
  perfeval::RunResults results;
};

Scored score(std::vector<fs::path> data) {
  perfeval::RunOptions options;
  options.rules = kSource / "rules";
  options.data = std::move(data);
  perfeval::SourceManager sources;
  Scored out;
  out.results = perfeval::run(options, sources);
  out.report = perfeval::to_json(out.results, sources, perfeval::Lang::en);
  return out;
}

// What scoring made of a table: every computed figure and every finding of
// the audit, without the text that only says where it came from or how it
// was printed ("10.00" in JSON, the number 10 in a cell).
// A field of an object, or null where there is none (or no object).
json field(const json& object, const char* key) {
  return object.is_object() && object.contains(key) ? object.at(key) : json();
}

json scores(const json& project) {
  const auto differences = [](const json& list) {
    json out = json::array();
    for (const auto& d : list) {
      out.push_back({field(d, "field"), field(d, "computed"), field(d, "difference")});
    }
    return out;
  };
  json out = {{"project", project.at("project")},
              {"kind", project.at("kind")},
              {"policy", project.at("policy")},
              {"total", field(project, "total")},
              {"band", field(project, "band")},
              {"differences", project.at("differences")},
              {"explanations_missing", project.at("explanations_missing")},
              {"funds_rate", field(project.at("funds"), "rate")},
              {"funds_score", field(project.at("funds"), "score")},
              {"funds_differences", differences(field(field(project, "funds"), "differences"))}};
  out["total_difference"] = field(field(project, "total_difference"), "difference");
  for (const auto& i : project.at("indicators")) {
    out["indicators"].push_back({i.at("name"), field(i, "rate"), field(i, "score_exact"),
                                 field(i, "score"), i.at("explanation_required"),
                                 i.at("explanation_present"),
                                 differences(field(i, "differences"))});
  }
  return out;
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / (name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<fs::path> examples() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSource / "examples")) {
    if (entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void check_same_scores(const fs::path& workbook, const std::vector<std::string>& slugs) {
  std::vector<fs::path> json_files;
  for (const auto& slug : slugs) {
    json_files.push_back(kSource / "examples" / (slug + ".json"));
  }
  const Scored from_json = score(json_files);
  const Scored from_xlsx = score({workbook});
  INFO(from_xlsx.report.at("diagnostics").dump(2));
  for (const auto& d : from_xlsx.report.at("diagnostics")) {
    CHECK(d.at("severity") != "error");
  }
  const json& expected = from_json.report.at("projects");
  const json& got = from_xlsx.report.at("projects");
  REQUIRE(got.size() == expected.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    CHECK(scores(got[k]).dump(1) == scores(expected[k]).dump(1));
    CHECK(got[k].at("file").get<std::string>().starts_with(workbook.string() + "!"));
  }
}

}  // namespace

TEST_CASE("xlsx: perfeval's own Excel report of every example reads back to the same scores") {
  const auto files = examples();
  REQUIRE(files.size() == 17);
  const Scored from_json = score(files);
  TempDir dir("perfeval-xlsx-round-trip");
  for (const auto lang : {perfeval::Lang::zh, perfeval::Lang::en}) {
    const fs::path workbook = dir.path / (lang == perfeval::Lang::zh ? "zh.xlsx" : "en.xlsx");
    perfeval::write_xlsx(workbook, from_json.results, perfeval::FormatOptions{lang});
    const Scored back = score({workbook});
    INFO(back.report.at("diagnostics").dump(2));
    CHECK(back.report.at("diagnostics").empty());
    const json& expected = from_json.report.at("projects");
    const json& got = back.report.at("projects");
    REQUIRE(got.size() == expected.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
      CHECK(scores(got[k]).dump(1) == scores(expected[k]).dump(1));
    }
    // What the table's own rows say, kept for a table that carries them.
    const auto& first = back.results.projects.front();
    CHECK(first.file.find(".xlsx!") != std::string::npos);
  }
}

TEST_CASE("xlsx: the seed's project layout, text figures, merged categories") {
  check_same_scores(kSource / "tests/xlsx/printed/weikuan.xlsx", {"weikuan"});
}

TEST_CASE("xlsx: the common layout, columns by header words, figures as formatted numbers") {
  check_same_scores(kSource / "tests/xlsx/printed/boshihou-zizhu.xlsx", {"boshihou-zizhu"});
}

TEST_CASE("xlsx: the seed's unit table, rate and score printed on its first funds row") {
  check_same_scores(kSource / "tests/xlsx/printed/danwei-zhengti.xlsx", {"danwei-zhengti"});
}

TEST_CASE("xlsx: several tables in one workbook, a sheet of notes passed over with a warning") {
  const fs::path workbook = kSource / "tests/xlsx/printed/several.xlsx";
  check_same_scores(workbook, {"jiuye-buzhu-2024", "gangqian-peixun", "yuanjiang"});
  const Scored scored = score({workbook});
  const json& diagnostics = scored.report.at("diagnostics");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].at("severity") == "warning");
  CHECK(diagnostics[0].dump().find("several.xlsx!说明") != std::string::npos);
}

TEST_CASE("xlsx: all 17 seed tables printed in one workbook score as their transcriptions") {
  std::vector<std::string> slugs;
  for (const auto& file : examples()) {
    slugs.push_back(file.stem().string());
  }
  REQUIRE(slugs.size() == 17);
  check_same_scores(kSource / "tests/xlsx/printed/seed.xlsx", slugs);
}

TEST_CASE("xlsx: a workbook LibreOffice converted from CSV") {
  check_same_scores(kSource / "tests/xlsx/converted/weikuan.xlsx", {"weikuan"});
}
